package org.afterhours.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The call log checked row by row against the references the simulated callers heard: exactly one record per call,
 * its events numbered 1..n without a gap, a first CALL_STARTED, and nothing left open.
 */
record CallLogAudit(int calls, int records, int events, int gaps, int duplicates, int open, List<String> problems) {

    static CallLogAudit of(DataSource database, Collection<Callers.Placed> calls) throws SQLException {
        int records = 0;
        int events = 0;
        int gaps = 0;
        int duplicates = 0;
        int open = 0;
        List<String> problems = new ArrayList<>();
        try (Connection c = database.getConnection();
             PreparedStatement record = c.prepareStatement(
                     "SELECT call_id, reference, ended_at, outcome FROM call_record WHERE asterisk_uniqueid = ?");
             PreparedStatement steps = c.prepareStatement(
                     "SELECT sequence, type FROM call_event WHERE call_id = ? ORDER BY sequence")) {
            for (Callers.Placed call : calls) {
                record.setString(1, call.uniqueId());
                int rows = 0;
                String reference = null;
                String callId = null;
                try (ResultSet r = record.executeQuery()) {
                    while (r.next()) {
                        rows++;
                        reference = r.getString("reference");
                        callId = r.getString("call_id");
                        if (call.referenceHeard() != null && !call.referenceHeard().equals(reference)) {
                            problems.add("call " + call.uniqueId() + " heard " + call.referenceHeard()
                                    + " but its record is " + reference);
                        }
                        if (r.getString("ended_at") == null || r.getString("outcome") == null) {
                            open++;
                            problems.add(reference + " is still open");
                        }
                    }
                }
                records += Math.min(rows, 1);
                if (rows != 1) {
                    duplicates += Math.max(rows - 1, 0);
                    problems.add("call " + call.uniqueId() + " has " + rows + " record(s)");
                    if (rows == 0) {
                        continue;
                    }
                }
                steps.setString(1, callId);
                int expected = 1;
                try (ResultSet r = steps.executeQuery()) {
                    while (r.next()) {
                        events++;
                        int sequence = r.getInt("sequence");
                        if (expected == 1 && !"CALL_STARTED".equals(r.getString("type"))) {
                            problems.add(reference + " does not begin with CALL_STARTED");
                        }
                        if (sequence != expected) {
                            gaps++;
                            problems.add(reference + " jumps from event " + (expected - 1) + " to " + sequence);
                        }
                        expected = sequence + 1;
                    }
                }
                if (expected == 1) {
                    problems.add(reference + " has no events");
                }
            }
        }
        return new CallLogAudit(calls.size(), records, events, gaps, duplicates, open, problems);
    }

    boolean clean() {
        return problems.isEmpty() && records == calls;
    }

    @Override
    public String toString() {
        return "calls " + calls + ", records " + records + ", events " + events + ", gaps " + gaps + ", duplicates "
                + duplicates + ", open " + open + (problems.isEmpty() ? "" : ", problems " + problems.subList(0,
                Math.min(10, problems.size())));
    }
}
