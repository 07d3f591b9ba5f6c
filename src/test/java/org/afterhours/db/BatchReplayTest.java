package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.followup.AfterCallSettings;
import org.afterhours.followup.Obligations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch is written with a few statements for all its events, the record's changes folded per call. Whatever way
 * the journal delivers the events (one at a time, as the log was written before batching; a batch whole; a batch
 * replayed; a batch cut short by a crash and then delivered whole), the rows end the same: every event counts once.
 */
class BatchReplayTest {
    private static final Instant T0 = Instant.parse("2199-03-03T02:10:00Z"); // no timer of another test claims its due rows
    private static final List<String> TABLES = List.of(
            "call_event ORDER BY call_id, sequence",
            "call_record ORDER BY call_id",
            "call_attempt ORDER BY call_id, leg_id",
            "due_work ORDER BY reference, kind, step",
            "follow_up ORDER BY reference",
            "after_call_event ORDER BY reference, type, detail");

    private final DataSource database = TestDatabases.shared().dataSource();
    private final JdbcCallLogStore store = new JdbcCallLogStore(database,
            Optional.of(new Obligations(AfterCallSettings.DEFAULTS)), () -> { });
    private final String prefix = "replay-" + System.nanoTime();
    private final int first = 8_000_000 + ThreadLocalRandom.current().nextInt(900_000);
    /** a and c are read the same reference number: the conflict must be flagged the same every way. */
    private final ReferenceNumber shared = new ReferenceNumber(Integer.toString(first));
    private final ReferenceNumber other = new ReferenceNumber(Integer.toString(first + 1));
    private final List<CallEvent> batch = interleaved(emergencyWithMessage(), informedThenHungUp(), cutOff());

    @AfterEach
    void deleteOurRows() throws SQLException {
        clean();
    }

    @Test
    void a_batch_written_whole_twice_or_cut_short_then_whole_ends_as_its_events_written_one_by_one() throws Exception {
        for (CallEvent event : batch) {
            store.write(List.of(event));
        }
        List<String> oneByOne = rows();
        assertEquals(batch.size(), oneByOne.stream().filter(row -> row.startsWith("call_event")).count());
        assertEquals(List.of("-a 1 URGENT_VOICEMAIL GOODBYE", "-b 0 INFORMED GOODBYE", "-c 1 CUT_OFF LATE"),
                oneByOne.stream().filter(row -> row.startsWith("call_record")).map(BatchReplayTest::summary).toList(),
                "the rules as one statement per event applied them");

        clean();
        store.write(batch);
        assertEquals(oneByOne, rows(), "whole");
        store.write(batch);
        assertEquals(oneByOne, rows(), "whole, replayed");

        for (int cut = 1; cut < batch.size(); cut++) {
            clean();
            store.write(batch.subList(0, cut));
            store.write(batch);
            assertEquals(oneByOne, rows(), "first " + cut + " events, then the whole batch");
        }
        clean();
        store.write(batch.subList(batch.size() / 2, batch.size())); // the journal never does this; rows must agree
        store.write(batch.subList(0, batch.size() / 2));
        store.write(batch);
        List<String> outOfOrder = rows();
        assertEquals(oneByOne.stream().filter(row -> row.startsWith("call_event")).toList(),
                outOfOrder.stream().filter(row -> row.startsWith("call_event")).toList(), "each event once");
    }

    @Test
    void the_same_event_twice_in_one_batch_counts_once() throws Exception {
        List<CallEvent> doubled = new ArrayList<>(batch);
        doubled.addAll(batch);
        store.write(doubled);
        List<String> once = rows();
        clean();
        store.write(batch);
        assertEquals(rows(), once);
    }

    private List<CallEvent> emergencyWithMessage() {
        Call a = new Call(prefix + "-a", shared);
        a.add(CallEventType.CALL_STARTED, "line", "main", "dialled", "+19132016503", "callerNumber", "+13125550142",
                "callerName", "Ann", "uniqueId", "1795315065.6", "businessHours", "false",
                CallEventType.NODE, "node-1", CallEventType.RUN, "run-1");
        a.add(CallEventType.TRIAGED, "triage", "EMERGENCY", "reason", "chosen");
        a.add(CallEventType.ATTEMPT_STARTED, "leg", "leg-1", "person", "p1", "personName", "Pat", "contact", "mobile",
                "dial", "PJSIP/100", "round", "1", "step", "1", "target", "primary on call");
        a.add(CallEventType.ATTEMPT_ANSWERED, "leg", "leg-1");
        a.add(CallEventType.ATTEMPT_ENDED, "leg", "leg-1", "outcome", "DECLINED", "key", "2");
        a.add(CallEventType.ATTEMPT_ENDED, "leg", "", "person", "p2", "outcome", "SKIPPED_UNAVAILABLE");
        a.add(CallEventType.TECHNICIAN_ACCEPTED, "person", "p3", "afterMillis", "42000");
        a.add(CallEventType.CONVERSATION_ENDED, "talkMillis", "5000");
        a.add(CallEventType.ESCALATION_ENDED, "outcome", "NOBODY_ACCEPTED");
        a.add(CallEventType.VOICEMAIL_KEPT, "path", "/var/spool/asterisk/afterhours/x-1", "format", "wav",
                "durationMillis", "12500", "urgent", "true");
        a.add(CallEventType.CALL_ENDED, "step", "GOODBYE", "outcome", "URGENT_VOICEMAIL");
        return a.events;
    }

    private List<CallEvent> informedThenHungUp() {
        Call b = new Call(prefix + "-b", other);
        b.add(CallEventType.CALL_STARTED, "line", "main", "businessHours", "false");
        b.add(CallEventType.TRIAGED, "triage", "NON_EMERGENCY");
        b.add(CallEventType.KEY_PRESSED, "key", "1");
        b.add(CallEventType.CALL_ENDED, "step", "INFORMATION", "outcome", "INFORMED");
        b.add(CallEventType.CALLER_HUNG_UP, "step", "GOODBYE"); // no outcome: INFORMED stays
        b.add(CallEventType.CALL_CUT_OFF, "step", "MENU", "outcome", "CUT_OFF"); // ended already: changes nothing
        return b.events;
    }

    private List<CallEvent> cutOff() {
        Call c = new Call(prefix + "-c", shared);
        c.add(CallEventType.CALL_STARTED, "line", "main", "businessHours", "true");
        c.add(CallEventType.TRIAGED, "triage", "NON_EMERGENCY");
        c.add(CallEventType.CALL_CUT_OFF, "step", "MENU", "outcome", "CUT_OFF",
                "lastHeardAt", T0.plusSeconds(30).toString());
        c.add(CallEventType.CALL_ENDED, "step", "LATE", "outcome", ""); // after the cut-off: only time and step
        return c.events;
    }

    /** Round robin, as calls at the same time reach the journal. */
    private static List<CallEvent> interleaved(List<CallEvent>... calls) {
        List<CallEvent> all = new ArrayList<>();
        for (int i = 0; all.size() < java.util.Arrays.stream(calls).mapToInt(List::size).sum(); i++) {
            for (List<CallEvent> call : calls) {
                if (i < call.size()) {
                    all.add(call.get(i));
                }
            }
        }
        return all;
    }

    private static final class Call {
        final String id;
        final ReferenceNumber reference;
        final List<CallEvent> events = new ArrayList<>();

        Call(String id, ReferenceNumber reference) {
            this.id = id;
            this.reference = reference;
        }

        void add(CallEventType type, String... attributes) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < attributes.length; i += 2) {
                map.put(attributes[i], attributes[i + 1]);
            }
            events.add(new CallEvent(id, reference, events.size() + 1, T0.plusSeconds(events.size()), type, map));
        }
    }

    private static String summary(String recordRow) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String column : recordRow.split(" ")) {
            int is = column.indexOf('=');
            if (is > 0) {
                columns.put(column.substring(0, is), column.substring(is + 1));
            }
        }
        String id = columns.get("call_id");
        return id.substring(id.lastIndexOf('-')) + " " + columns.get("reference_conflict") + " "
                + columns.get("outcome") + " " + columns.get("final_step");
    }

    /** Every column of our rows but generated ids, one line per row. */
    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.getConnection()) {
            for (String table : TABLES) {
                String name = table.substring(0, table.indexOf(' '));
                try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + name
                        + " WHERE reference IN (?, ?) " + table.substring(name.length()))) {
                    s.setString(1, shared.digits());
                    s.setString(2, other.digits());
                    try (ResultSet r = s.executeQuery()) {
                        ResultSetMetaData columns = r.getMetaData();
                        while (r.next()) {
                            StringBuilder row = new StringBuilder(name);
                            for (int i = 1; i <= columns.getColumnCount(); i++) {
                                if (!columns.getColumnName(i).equals("id")) {
                                    row.append(' ').append(columns.getColumnName(i)).append('=').append(r.getString(i));
                                }
                            }
                            rows.add(row.toString());
                        }
                    }
                }
            }
        }
        return rows;
    }

    private void clean() throws SQLException {
        try (Connection c = database.getConnection()) {
            for (String table : TABLES) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table.substring(0, table.indexOf(' '))
                        + " WHERE reference IN (?, ?)")) {
                    s.setString(1, shared.digits());
                    s.setString(2, other.digits());
                    s.executeUpdate();
                }
            }
        }
    }
}
