package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("clock")
class AgiSessionRepositoryTest {

    private static final Instant STARTED = Instant.parse("2025-01-17T22:14:03.125Z");
    private static final Instant ENDED = Instant.parse("2025-01-17T22:19:47.900Z");

    private DataSource dataSource;
    private AgiSessionRepository repository;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void connect() {
        dataSource = TestDatabases.shared().dataSource();
        repository = new AgiSessionRepository(dataSource);
    }

    @AfterEach
    void deleteOwnRows() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM agi_session WHERE id = ?")) {
            for (String id : ids) {
                s.setString(1, id);
                s.executeUpdate();
            }
        }
    }

    @Test
    void aSessionStartedThenEndedReadsBackEveryField() {
        AgiSessionRecord started = session(STARTED, "0123456789", "Night Desk");

        repository.recordStart(started);
        assertEquals(Optional.of(started), repository.find(started.id()));

        repository.recordEnd(started.id(), ENDED, "technician-connected", "reference 4815, accepted by step 2");
        assertEquals(Optional.of(ended(started, ENDED, "technician-connected", "reference 4815, accepted by step 2")),
                repository.find(started.id()));
    }

    @Test
    void replayingStartAndEndLeavesExactlyOneRowWithTheSameValues() throws SQLException {
        AgiSessionRecord started = session(STARTED, "0123456789", "Night Desk");
        AgiSessionRecord expected = ended(started, ENDED, "voicemail", "caller left a message");

        repository.recordStart(started);
        repository.recordEnd(started.id(), ENDED, "voicemail", "caller left a message");
        repository.recordStart(started);
        repository.recordEnd(started.id(), ENDED, "voicemail", "caller left a message");

        assertEquals(Optional.of(expected), repository.find(started.id()));
        assertEquals(1, countRows("asterisk_uniqueid = ?", started.asteriskUniqueId()));
    }

    @Test
    void endingAnUnknownSessionWritesNothing() throws SQLException {
        String unknown = newId();

        repository.recordEnd(unknown, ENDED, "hangup", null);

        assertEquals(Optional.empty(), repository.find(unknown));
        assertEquals(0, countRows("id = ?", unknown));
    }

    @Test
    void hostileCallerIdIsStoredAsTextCutToItsColumnAndTheTableSurvives() throws SQLException {
        String longest = "9".repeat(500);
        String phones = "\uD83D\uDCDE".repeat(100); // 100 emoji: 100 characters to MariaDB, 200 Java chars
        String[][] sentAndStored = {
            {"O'Brien \"Bob\"", "O'Brien \"Bob\""},
            {"back\\slash\\", "back\\slash\\"},
            {"'); DROP TABLE agi_session; --", "'); DROP TABLE agi_session; --"},
            {longest, "9".repeat(80)},
            {"Café \uD83D\uDE80 ☎", "Café \uD83D\uDE80 ☎"},
            {phones, "\uD83D\uDCDE".repeat(80)},
        };

        for (String[] hostile : sentAndStored) {
            AgiSessionRecord sent = session(STARTED, hostile[0], hostile[0]);
            repository.recordStart(sent);

            AgiSessionRecord stored = repository.find(sent.id()).orElseThrow();
            assertEquals(hostile[1], stored.callerIdNumber(), "caller ID number sent as " + hostile[0]);
            assertEquals(hostile[1], stored.callerIdName(), "caller ID name sent as " + hostile[0]);
        }
        assertEquals(sentAndStored.length, countRows("asterisk_uniqueid LIKE ?", "test-%"),
                "every hostile row is stored and agi_session still exists");
    }

    @Test
    void everyTextColumnIsCutInsteadOfFailingTheWrite() {
        String huge = "x".repeat(1_000);
        AgiSessionRecord sent = new AgiSessionRecord(newId(), huge, huge, huge, huge, huge, huge, huge,
                STARTED, null, null, null);

        repository.recordStart(sent);
        repository.recordEnd(sent.id(), ENDED, huge, huge);

        AgiSessionRecord stored = repository.find(sent.id()).orElseThrow();
        assertEquals(new AgiSessionRecord(sent.id(), "x".repeat(64), "x".repeat(255), "x".repeat(255),
                "x".repeat(80), "x".repeat(80), "x".repeat(80), "x".repeat(64),
                STARTED, ENDED, "x".repeat(32), "x".repeat(255)), stored);
    }

    @Test
    void timesAreStoredInUtcAndReadBackEqualWhateverTheJvmZone() throws SQLException {
        // 02:30 on 2024-03-10 does not exist in New York and 01:30 on 2024-11-03 happens twice there:
        // any conversion through the JVM zone would move these times.
        Instant inSpringGap = Instant.parse("2024-03-10T02:30:00.250Z");
        Instant inAutumnOverlap = Instant.parse("2024-11-03T01:30:00.999Z");
        TimeZone original = TimeZone.getDefault();
        AgiSessionRecord sent = session(inSpringGap, "0123456789", "Night Desk");
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            repository.recordStart(sent);
            repository.recordEnd(sent.id(), inAutumnOverlap, "hangup", null);

            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
            AgiSessionRecord stored = repository.find(sent.id()).orElseThrow();

            assertEquals(inSpringGap, stored.startedAt());
            assertEquals(inAutumnOverlap, stored.endedAt());
        } finally {
            TimeZone.setDefault(original);
        }
        assertEquals("2024-03-10 02:30:00.250", column(sent.id(), "CAST(started_at AS CHAR)"), "UTC wall clock in the row");
        assertEquals("2024-11-03 01:30:00.999", column(sent.id(), "CAST(ended_at AS CHAR)"), "UTC wall clock in the row");
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        AgiSessionRecord sent = session(Instant.parse("2025-01-17T22:14:03.123456789Z"), null, null);

        repository.recordStart(sent);

        assertEquals(Instant.parse("2025-01-17T22:14:03.123Z"), repository.find(sent.id()).orElseThrow().startedAt());
    }

    @Test
    void recentListsTheLatestSessionsNewestFirst() {
        // The last representable DATETIME: no other row of the shared schema starts later.
        AgiSessionRecord oldest = session(Instant.parse("9999-12-31T23:59:59.001Z"), null, null);
        AgiSessionRecord newest = session(Instant.parse("9999-12-31T23:59:59.003Z"), null, null);
        AgiSessionRecord middle = session(Instant.parse("9999-12-31T23:59:59.002Z"), null, null);
        repository.recordStart(oldest);
        repository.recordStart(newest);
        repository.recordStart(middle);

        assertEquals(List.of(newest, middle), repository.recent(2));
        assertEquals(List.of(newest, middle, oldest), repository.recent(3));
        assertThrows(IllegalArgumentException.class, () -> repository.recent(0));
    }

    @Test
    void aLongerIdIsRefusedRatherThanCut() {
        assertThrows(IllegalArgumentException.class, () -> new AgiSessionRecord("x".repeat(37), "u", "s",
                null, null, null, null, null, STARTED, null, null, null));
        assertTrue(repository.find("no-such-session").isEmpty());
    }

    private AgiSessionRecord session(Instant startedAt, String callerIdNumber, String callerIdName) {
        String id = newId();
        return new AgiSessionRecord(id, "test-" + id, "/afterhours?line=helpdesk", "PJSIP/trunk-0000002a",
                callerIdNumber, callerIdName, "+41445551234", "192.0.2.10", startedAt, null, null, null);
    }

    private static AgiSessionRecord ended(AgiSessionRecord r, Instant endedAt, String outcome, String detail) {
        return new AgiSessionRecord(r.id(), r.asteriskUniqueId(), r.script(), r.channel(), r.callerIdNumber(),
                r.callerIdName(), r.dnid(), r.remoteAddress(), r.startedAt(), endedAt, outcome, detail);
    }

    private String newId() {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        return id;
    }

    /** Counts this test's rows only: the schema may be shared with other tests. */
    private int countRows(String where, String value) throws SQLException {
        String sql = "SELECT COUNT(*) FROM agi_session WHERE " + where + " AND id IN (" + placeholders() + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 2, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String column(String id, String expression) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + expression + " FROM agi_session WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String placeholders() {
        return String.join(", ", ids.stream().map(id -> "?").toList());
    }
}
