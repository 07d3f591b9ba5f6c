package org.afterhours.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** How values cross into MariaDB the same way in every repository: UTC times, text cut to its column. */
final class SqlValues {
    private SqlValues() {
    }

    /**
     * Cuts {@code value} to at most {@code max} characters as MariaDB counts them (code points), never splitting a
     * surrogate pair such as an emoji. Text from callers is cut rather than failing the write: a long caller ID must
     * not lose the call's record.
     */
    static String fit(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    // DATETIME has no zone. Going through LocalDateTime in UTC keeps the driver from applying the
    // JVM's default zone (which java.sql.Timestamp would); millis because the columns are DATETIME(3).
    static void setUtc(PreparedStatement s, int index, Instant instant) throws SQLException {
        if (instant == null) {
            s.setNull(index, Types.TIMESTAMP);
        } else {
            s.setObject(index, LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
        }
    }

    static Instant utc(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
