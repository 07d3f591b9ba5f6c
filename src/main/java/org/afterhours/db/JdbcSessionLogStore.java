package org.afterhours.db;

import java.util.ArrayList;
import java.util.List;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallLogStore;

/**
 * The session journal's rows into {@code agi_session}. Both writes are idempotent (a start already there is
 * skipped, an end sets the same values again), so a batch cut short by an outage is simply written again.
 */
public final class JdbcSessionLogStore implements CallLogStore {
    private final AgiSessionRepository repository;

    public JdbcSessionLogStore(AgiSessionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void write(List<CallEvent> events) {
        // The whole batch in one transaction of two statements, not a transaction per row.
        List<AgiSessionRecord> starts = new ArrayList<>();
        List<AgiSessionRepository.SessionEnd> ends = new ArrayList<>();
        for (CallEvent e : events) {
            switch (e.type()) {
                case SESSION_STARTED -> starts.add(new AgiSessionRecord(e.callId(), e.attribute("uniqueId"),
                        e.attribute("script"), e.attribute("channel"), e.attribute("callerNumber"),
                        e.attribute("callerName"), e.attribute("dialled"), e.attribute("remote"), e.at(), null, null,
                        null));
                case SESSION_ENDED -> ends.add(new AgiSessionRepository.SessionEnd(e.callId(), e.at(),
                        e.attribute("outcome"), e.attribute("detail")));
                default -> throw new IllegalArgumentException("not a session row: " + e.type());
            }
        }
        repository.record(starts, ends);
    }
}
