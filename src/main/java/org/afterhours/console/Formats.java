package org.afterhours.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.RuleBook;

/** Times shown in the line's zone (stored in UTC), durations in words a technician reads at 3 a.m. */
final class Formats {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.US);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.US);

    private final RuleBook ruleBook;

    Formats(RuleBook ruleBook) {
        this.ruleBook = ruleBook;
    }

    /** The zone of {@code lineId}, or of the first line when it is unknown (or UTC without lines). */
    ZoneId zone(String lineId) {
        return (lineId == null ? java.util.Optional.<Line>empty() : ruleBook.lineById(lineId)).map(Line::zone)
                .orElseGet(this::defaultZone);
    }

    ZoneId defaultZone() {
        return ruleBook.lines().stream().findFirst().map(Line::zone).orElse(ZoneOffset.UTC);
    }

    String dateTime(Instant at, ZoneId zone) {
        return at == null ? "" : DATE_TIME.format(at.atZone(zone));
    }

    String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    String date(Instant at, ZoneId zone) {
        return at == null ? "" : DATE.format(at.atZone(zone));
    }

    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    static String millis(Integer ms) {
        return ms == null ? "" : duration(Duration.ofMillis(ms));
    }

    static String hours(Duration d) {
        return String.format(Locale.US, "%.2f", d.toMinutes() / 60.0);
    }
}
