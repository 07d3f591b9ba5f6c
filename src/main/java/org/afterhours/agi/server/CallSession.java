package org.afterhours.agi.server;

import java.time.Clock;
import java.util.Optional;
import org.afterhours.agi.AgiHangupException;
import org.afterhours.agi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admitted call on its own virtual thread: find the script, run it, tell the dialplan how it went, close the
 * connection, log the session. Nothing a script does can skip the last three.
 */
final class CallSession implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);

    private final AgiSessionInfo info;
    private final SessionChannel channel;
    private final Optional<AgiScript> script;
    private final String statusVariable;
    private final SessionListener listener;
    private final Clock clock;
    private final Runnable onFinished;

    CallSession(AgiSessionInfo info, SessionChannel channel, Optional<AgiScript> script, String statusVariable,
                SessionListener listener, Clock clock, Runnable onFinished) {
        this.info = info;
        this.channel = channel;
        this.script = script;
        this.statusVariable = statusVariable;
        this.listener = listener;
        this.clock = clock;
        this.onFinished = onFinished;
    }

    @Override
    public void run() {
        notifyListener(() -> listener.sessionStarted(info));
        SessionOutcome outcome = SessionOutcome.COMPLETED;
        String detail = "";
        try {
            if (script.isEmpty()) {
                log.warn("[{}] no script for path '{}' (from {}): dialplan told {}", info.id(),
                        printable(info.request().scriptPath()), info.remoteAddress(), SessionStatus.NOTFOUND);
                outcome = SessionOutcome.SCRIPT_NOT_FOUND;
                detail = "no script for path";
                tellDialplan(SessionStatus.NOTFOUND);
            } else {
                script.get().service(info.request(), channel);
                if (channel.callerHungUp()) {
                    // The script handled the hang-up itself; the log still says how the call ended.
                    outcome = SessionOutcome.CALLER_HUNG_UP;
                    detail = "caller hung up";
                } else if (channel.statusForDialplan().isPresent()) {
                    tellDialplan(channel.statusForDialplan().get());
                } else {
                    tellDialplan(SessionStatus.SUCCESS);
                }
            }
        } catch (AgiHangupException gone) {
            outcome = outcomeOf(gone);
            detail = gone.getMessage();
            log.debug("[{}] call ended under the script: {}", info.id(), detail);
        } catch (Exception | Error failure) {
            outcome = SessionOutcome.SCRIPT_FAILED;
            detail = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            log.error("[{}] script '{}' failed", info.id(), info.request().scriptPath(), failure);
            tellDialplan(SessionStatus.FAILED);
        } finally {
            onFinished.run();
            SessionOutcome finalOutcome = outcome;
            String finalDetail = detail;
            notifyListener(() -> listener.sessionEnded(info, clock.instant(), finalOutcome, finalDetail));
        }
    }

    private void tellDialplan(SessionStatus status) {
        tellDialplan(status.name());
    }

    /** Best effort: when the caller is already gone there is no dialplan left to tell. */
    private void tellDialplan(String status) {
        try {
            channel.setVariable(statusVariable, status);
        } catch (AgiHangupException gone) {
            log.debug("[{}] could not set {}={}: {}", info.id(), statusVariable, status, gone.getMessage());
        } catch (RuntimeException e) {
            log.warn("[{}] could not set {}={}", info.id(), statusVariable, status, e);
        }
    }

    private static SessionOutcome outcomeOf(AgiHangupException gone) {
        return switch (gone.hangupCause()) {
            case CALLER_HUNG_UP, DEAD_CHANNEL -> SessionOutcome.CALLER_HUNG_UP;
            case CONNECTION_CLOSED -> SessionOutcome.CONNECTION_LOST;
            case PROTOCOL_ERROR -> SessionOutcome.PROTOCOL_ERROR;
            case SERVER_SHUTDOWN -> SessionOutcome.SERVER_SHUTDOWN;
        };
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("[{}] session listener failed; the call goes on", info.id(), e);
        }
    }

    static String printable(String text) {
        return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
