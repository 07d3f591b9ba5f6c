package org.afterhours.agi.server;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every session's end for a test to assert on. */
final class RecordingListener implements SessionListener {
    record Ended(AgiSessionInfo session, SessionOutcome outcome, String detail) {
    }

    final List<AgiSessionInfo> started = new CopyOnWriteArrayList<>();
    final List<Ended> ended = new CopyOnWriteArrayList<>();

    @Override
    public void sessionStarted(AgiSessionInfo session) {
        started.add(session);
    }

    @Override
    public void sessionEnded(AgiSessionInfo session, Instant endedAt, SessionOutcome outcome, String detail) {
        ended.add(new Ended(session, outcome, detail));
    }

    List<SessionOutcome> outcomes() {
        return ended.stream().map(Ended::outcome).toList();
    }
}
