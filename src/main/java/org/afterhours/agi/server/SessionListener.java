package org.afterhours.agi.server;

import java.time.Instant;

/**
 * Told when sessions start and end (for the session log). Called on the session's own thread; must not block for
 * long and must not throw: the server logs and ignores what it throws, the call goes on.
 */
public interface SessionListener {
    SessionListener NONE = new SessionListener() {
        @Override
        public void sessionStarted(AgiSessionInfo session) {
        }

        @Override
        public void sessionEnded(AgiSessionInfo session, Instant endedAt, SessionOutcome outcome, String detail) {
        }
    };

    void sessionStarted(AgiSessionInfo session);

    void sessionEnded(AgiSessionInfo session, Instant endedAt, SessionOutcome outcome, String detail);
}
