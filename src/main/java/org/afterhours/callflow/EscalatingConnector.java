package org.afterhours.callflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.escalation.Dialer;
import org.afterhours.escalation.EmergencyDesk;
import org.afterhours.escalation.EmergencyEscalation;
import org.afterhours.escalation.EscalationPlanner;
import org.afterhours.escalation.EscalationSettings;
import org.afterhours.escalation.PlannedStep;
import org.afterhours.oncall.Line;

/**
 * Reaches a technician for an emergency caller: starts the escalation at once, holds the caller on music (with "still
 * trying, press 1 to leave a message" now and then), and when someone accepts, puts the caller into the call's
 * ConfBridge room, where the technician is, and alerts the managers. The caller's keys are heard all along.
 */
public final class EscalatingConnector implements TechnicianConnector {
    private static final long POLL_MILLIS = 1000;
    private static final char LEAVE_MESSAGE_KEY = '1';
    private static final String BRIDGE_PROFILE = "afterhours_bridge";
    private static final String CALLER_PROFILE = "afterhours_caller";

    private final EscalationPlanner planner;
    private final Dialer dialer;
    private final EmergencyDesk desk;
    private final EscalationSettings settings;
    private final HoldSettings hold;
    private final ManagerAlerts managers;
    private final Clock clock;

    public EscalatingConnector(EscalationPlanner planner, Dialer dialer, EmergencyDesk desk,
                               EscalationSettings settings, HoldSettings hold, ManagerAlerts managers, Clock clock) {
        this.planner = planner;
        this.dialer = dialer;
        this.desk = desk;
        this.settings = settings;
        this.hold = hold;
        this.managers = managers;
        this.clock = clock;
    }

    /**
     * Starts the escalation at once, on a thread of its own: the first phone rings while the caller still hears the
     * reference number. Nobody to ring, or no way to ring them: a search that has already ended.
     */
    @Override
    public TechnicianSearch startSearch(Line line, CallRecorder record, AgiChannel caller) {
        List<PlannedStep> plan = planner.plan(line.id(), clock.instant());
        if (plan.isEmpty()) {
            record.record(CallEventType.ESCALATION_ENDED, "outcome", "NOBODY_ACCEPTED",
                    "reason", "the escalation policy yields nobody now");
            managers.alertNobodyAccepted(line, record);
            return TechnicianSearch.ended(Result.NOBODY_ACCEPTED);
        }
        if (!dialer.available()) {
            record.record(CallEventType.ESCALATION_ENDED, "outcome", "UNAVAILABLE",
                    "reason", "the PBX manager interface is down: no call can be placed");
            return TechnicianSearch.ended(Result.UNAVAILABLE);
        }
        return new Search(line, record, caller, EmergencyEscalation.start(line.id(), plan, dialer, desk, record,
                settings, clock));
    }

    /** A running escalation and the caller it is for. */
    private final class Search implements TechnicianSearch {
        private final Line line;
        private final CallRecorder record;
        private final AgiChannel caller;
        private final EmergencyEscalation escalation;
        private boolean connected;
        private boolean closed;

        Search(Line line, CallRecorder record, AgiChannel caller, EmergencyEscalation escalation) {
            this.line = line;
            this.record = record;
            this.caller = caller;
            this.escalation = escalation;
        }

        @Override
        public boolean accepted() {
            return escalation.state() == EmergencyEscalation.State.ACCEPTED;
        }

        @Override
        public Result holdAndConnect() {
            Result held = holdUntilDecided(caller, record, escalation);
            if (held != Result.CONNECTED) {
                if (held == Result.NOBODY_ACCEPTED) {
                    managers.alertNobodyAccepted(line, record);
                }
                return held;
            }
            connected = true;
            managers.alertAccepted(line, record, escalation.acceptedBy());
            talk(caller, record, escalation);
            return Result.CONNECTED;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            // Hangs up whatever still rings, whatever made the caller leave (a hang-up too). A technician who
            // accepted as the caller left is free again at once.
            if (connected || !escalation.cancel()) {
                escalation.finished();
            }
        }
    }

    private Result holdUntilDecided(AgiChannel caller, CallRecorder record, EmergencyEscalation escalation) {
        caller.setMusic(true, hold.musicClass());
        Instant nextAnnouncement = clock.instant().plus(hold.announcementEvery());
        CallerPrompts prompts = new CallerPrompts(caller, record);
        while (true) {
            EmergencyEscalation.State state = escalation.state();
            if (state != EmergencyEscalation.State.SEARCHING) {
                caller.setMusic(false, null);
                return switch (state) {
                    case ACCEPTED -> Result.CONNECTED;
                    case NOBODY_ACCEPTED -> Result.NOBODY_ACCEPTED;
                    default -> Result.UNAVAILABLE;
                };
            }
            long waitStarted = System.nanoTime();
            Optional<Character> key = caller.waitForDigit(POLL_MILLIS);
            if (clock.instant().isAfter(nextAnnouncement)) {
                caller.setMusic(false, null);
                key = key.or(() -> prompts.play(Prompts.STILL_TRYING, String.valueOf(LEAVE_MESSAGE_KEY)));
                caller.setMusic(true, hold.musicClass());
                nextAnnouncement = clock.instant().plus(hold.announcementEvery());
            }
            if (key.isPresent() && key.get() == LEAVE_MESSAGE_KEY) {
                record.record(CallEventType.KEY_PRESSED, "menu", "hold", "key", key.get().toString());
                if (escalation.cancel()) {
                    caller.setMusic(false, null);
                    return Result.CALLER_CHOSE_VOICEMAIL;
                }
                // A technician accepted at the same moment: connect the caller after all.
            }
            pace(escalation, waitStarted);
        }
    }

    /**
     * A real WAIT FOR DIGIT takes its full second; a PBX that answers sooner (a simulator) must not turn the hold
     * into a busy loop, so the rest of the second is spent waiting for the escalation instead.
     */
    private static void pace(EmergencyEscalation escalation, long waitStarted) {
        long left = POLL_MILLIS - Duration.ofNanos(System.nanoTime() - waitStarted).toMillis();
        if (left > 0) {
            try {
                escalation.awaitOutcome(Duration.ofMillis(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void talk(AgiChannel caller, CallRecorder record, EmergencyEscalation escalation) {
        new CallerPrompts(caller, record).play(Prompts.CONNECTING_NOW);
        String room = record.reference().digits();
        record.record(CallEventType.CONNECTED, "room", room, "person", escalation.acceptedBy().id());
        Instant joined = clock.instant();
        try {
            caller.exec("ConfBridge", room, BRIDGE_PROFILE, CALLER_PROFILE);
        } finally {
            record.record(CallEventType.CONVERSATION_ENDED, "talkMillis",
                    Long.toString(Duration.between(joined, clock.instant()).toMillis()));
        }
    }
}
