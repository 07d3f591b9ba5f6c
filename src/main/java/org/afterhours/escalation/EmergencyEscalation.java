package org.afterhours.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.oncall.ContactPoint;
import org.afterhours.oncall.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search for a technician for one emergency call, on a thread of its own while the caller holds: each person
 * the policy yields, in order, on each of their contact points, rung until they answer; an answered phone is
 * screened ("press 1 to accept") and only a 1 counts. Busy, no answer, a decline, a voicemail greeting: the next one.
 * The caller's side reads {@link #state()} and can {@link #cancel()} at any time; every leg still ringing is hung
 * up then.
 */
public final class EmergencyEscalation {
    private static final Logger log = LoggerFactory.getLogger(EmergencyEscalation.class);

    public enum State { SEARCHING, ACCEPTED, NOBODY_ACCEPTED, UNAVAILABLE, CANCELLED }

    /** The longest screening prompt sequence (emergency, line, reference, options) takes about this long. */
    private static final Duration SCREENING_MARGIN = Duration.ofSeconds(20);

    private final String reference;
    private final String lineId;
    private final List<PlannedStep> plan;
    private final Dialer dialer;
    private final EmergencyDesk desk;
    private final CallRecorder record;
    private final EscalationSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private State state = State.SEARCHING;
    private Person acceptedBy;
    private Dialer.OutboundLeg ringing;
    private int legs;

    private EmergencyEscalation(String reference, String lineId, List<PlannedStep> plan, Dialer dialer,
                                EmergencyDesk desk, CallRecorder record, EscalationSettings settings, Clock clock) {
        this.reference = reference;
        this.lineId = lineId;
        this.plan = plan;
        this.dialer = dialer;
        this.desk = desk;
        this.record = record;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts ringing at once, on a virtual thread. */
    public static EmergencyEscalation start(String lineId, List<PlannedStep> plan, Dialer dialer, EmergencyDesk desk,
                                            CallRecorder record, EscalationSettings settings, Clock clock) {
        EmergencyEscalation escalation = new EmergencyEscalation(record.reference().digits(), lineId, plan, dialer,
                desk, record, settings, clock);
        desk.callerWaiting(escalation.reference);
        Thread.ofVirtual().name("escalation-" + escalation.reference).start(escalation::run);
        return escalation;
    }

    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    public Person acceptedBy() {
        lock.lock();
        try {
            return acceptedBy;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the state is no longer SEARCHING, or {@code max} passed; returns the state. */
    public State awaitOutcome(Duration max) throws InterruptedException {
        lock.lock();
        try {
            long nanos = max.toNanos();
            while (state == State.SEARCHING && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The caller no longer waits: stop, and hang up whatever rings. Idempotent.
     *
     * @return false when a technician had accepted already (the caller should be connected after all)
     */
    public boolean cancel() {
        if (!desk.callerStoppedWaiting(reference)) { // from here on nobody can accept
            return false;
        }
        Dialer.OutboundLeg leg;
        lock.lock();
        try {
            if (state == State.SEARCHING) {
                state = State.CANCELLED;
                changed.signalAll();
            }
            leg = ringing;
        } finally {
            lock.unlock();
        }
        if (leg != null) {
            leg.hangup();
        }
        return state() != State.ACCEPTED;
    }

    /** The accepted call is over: the technician is free for the next emergency. */
    public void finished() {
        desk.callOver(reference);
        Person person = acceptedBy();
        if (person != null) {
            desk.release(person.id(), reference);
        }
    }

    private void run() {
        Instant started = clock.instant();
        record.record(CallEventType.ESCALATION_STARTED, "planned", Integer.toString(plan.size()));
        try {
            Set<String> triedThisRound = new HashSet<>();
            int round = 0;
            for (PlannedStep step : plan) {
                if (step.round() != round) {
                    round = step.round();
                    triedThisRound.clear();
                }
                if (!triedThisRound.add(step.person().id())) {
                    skip(step, AttemptOutcome.SKIPPED_ALREADY_TRIED);
                    continue;
                }
                if (!desk.engage(step.person().id(), reference)) {
                    skip(step, AttemptOutcome.SKIPPED_ENGAGED);
                    continue;
                }
                if (ring(step, started)) {
                    return;
                }
                desk.release(step.person().id(), reference);
            }
            end(State.NOBODY_ACCEPTED, "everyone in the policy was tried");
        } catch (Dialer.DialerUnavailableException e) {
            end(State.UNAVAILABLE, e.getMessage());
        } catch (InterruptedException e) {
            end(State.CANCELLED, "interrupted");
        } catch (RuntimeException e) {
            log.error("[{}] escalation failed", reference, e);
            end(State.UNAVAILABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** @return true when this person accepted */
    private boolean ring(PlannedStep step, Instant started) throws InterruptedException {
        for (int attempt = 1; attempt <= step.attempts(); attempt++) {
            for (ContactPoint contact : step.contactPoints()) {
                if (state() != State.SEARCHING) {
                    desk.release(step.person().id(), reference);
                    throw new InterruptedException("stopped");
                }
                AttemptOutcome outcome = ringOnce(step, contact);
                if (outcome == AttemptOutcome.ACCEPTED) {
                    long afterMillis = Duration.between(started, clock.instant()).toMillis();
                    record.record(CallEventType.TECHNICIAN_ACCEPTED, "person", step.person().id(),
                            "personName", step.person().name(), "afterMillis", Long.toString(afterMillis));
                    lock.lock();
                    try {
                        acceptedBy = step.person();
                    } finally {
                        lock.unlock();
                    }
                    end(State.ACCEPTED, "accepted by " + step.person().id());
                    return true;
                }
                if (outcome == AttemptOutcome.CANCELLED) {
                    desk.release(step.person().id(), reference);
                    throw new InterruptedException("cancelled");
                }
                if (outcome == AttemptOutcome.DECLINED) {
                    return false; // they said no: not woken again for this call, on this phone or another
                }
            }
        }
        return false;
    }

    private AttemptOutcome ringOnce(PlannedStep step, ContactPoint contact) throws InterruptedException {
        String legId = reference + "-" + (++legs);
        CompletableFuture<ScreeningVerdict> verdict = desk.register(new EmergencyDesk.Leg(legId, reference, lineId,
                step.person().id(), step.person().name(), EmergencyDesk.LegRole.TECHNICIAN, record, null));
        record.record(CallEventType.ATTEMPT_STARTED, "leg", legId, "person", step.person().id(),
                "personName", step.person().name(), "contact", contact.label(), "dial", contact.dialString(),
                "round", Integer.toString(step.round()), "step", Integer.toString(step.step()),
                "target", step.targetDescription());
        Dialer.OutboundLeg leg;
        try {
            leg = dialer.dial(new Dialer.LegRequest(legId, reference, EmergencyDesk.LegRole.TECHNICIAN,
                    contact.dialString(), "Afterhours " + reference, settings.callerIdNumber(), step.ringTimeout()));
        } catch (Dialer.DialerUnavailableException e) {
            ended(legId, step, AttemptOutcome.FAILED, "");
            desk.forget(legId);
            throw e;
        }
        setRinging(leg);
        try {
            Dialer.RingOutcome rang = await(leg.ringing(), step.ringTimeout().plusSeconds(15));
            if (rang != Dialer.RingOutcome.ANSWERED) {
                AttemptOutcome outcome = switch (rang) {
                    case NO_ANSWER -> AttemptOutcome.NO_ANSWER;
                    case BUSY -> AttemptOutcome.BUSY;
                    case CANCELLED -> AttemptOutcome.CANCELLED;
                    default -> AttemptOutcome.FAILED;
                };
                ended(legId, step, outcome, "");
                return outcome;
            }
            record.record(CallEventType.ATTEMPT_ANSWERED, "leg", legId, "person", step.person().id());
            ScreeningVerdict said = awaitVerdict(verdict);
            AttemptOutcome outcome = switch (said) {
                case ACCEPTED -> AttemptOutcome.ACCEPTED;
                case DECLINED -> AttemptOutcome.DECLINED;
                case HUNG_UP -> AttemptOutcome.HUNG_UP;
                case NO_KEY -> AttemptOutcome.VOICEMAIL_OR_NO_KEY;
            };
            // A decline is left to end by itself: the screening still tells the person it heard them ("you declined
            // the call", or "already taken") and the dialplan hangs up after it. Hanging up here cut that off.
            if (outcome != AttemptOutcome.ACCEPTED && outcome != AttemptOutcome.DECLINED) {
                leg.hangup();
                if (state() == State.CANCELLED) {
                    outcome = AttemptOutcome.CANCELLED;
                }
            }
            ended(legId, step, outcome, keyPressed(outcome));
            return outcome;
        } finally {
            setRinging(null);
            if (state() != State.ACCEPTED) {
                desk.forget(legId);
            }
        }
    }

    /** The screening's keys, "1" to accept and "2" to decline, as the call_attempt row keeps them. */
    private static String keyPressed(AttemptOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> "1";
            case DECLINED -> "2";
            default -> "";
        };
    }

    /**
     * No key within the screening time is a voicemail greeting or a phone in a pocket: not accepted. The screening
     * itself stops asking at that time; the margin covers the prompt it may still be playing.
     */
    private ScreeningVerdict awaitVerdict(CompletableFuture<ScreeningVerdict> verdict) throws InterruptedException {
        try {
            ScreeningVerdict said = await(verdict, settings.screeningTimeout().plus(SCREENING_MARGIN));
            return said == null ? ScreeningVerdict.NO_KEY : said;
        } catch (RuntimeException e) {
            return ScreeningVerdict.NO_KEY;
        }
    }

    /** Waits for {@code future}, waking early when the caller cancels; null on timeout. */
    private <T> T await(CompletableFuture<T> future, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return future.get(Math.min(200, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                if (state() == State.CANCELLED && ringingNow() != null) {
                    ringingNow().hangup(); // the dialer completes the future as CANCELLED
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return null;
    }

    private void skip(PlannedStep step, AttemptOutcome why) {
        record.record(CallEventType.ATTEMPT_ENDED, "leg", "", "person", step.person().id(),
                "outcome", why.name(), "key", "");
    }

    private void ended(String legId, PlannedStep step, AttemptOutcome outcome, String key) {
        record.record(CallEventType.ATTEMPT_ENDED, "leg", legId, "person", step.person().id(),
                "outcome", outcome.name(), "key", key);
    }

    private void setRinging(Dialer.OutboundLeg leg) {
        lock.lock();
        try {
            ringing = leg;
        } finally {
            lock.unlock();
        }
    }

    private Dialer.OutboundLeg ringingNow() {
        lock.lock();
        try {
            return ringing;
        } finally {
            lock.unlock();
        }
    }

    private void end(State outcome, String reason) {
        lock.lock();
        try {
            if (state == State.SEARCHING) {
                state = outcome;
            }
            changed.signalAll();
            outcome = state;
        } finally {
            lock.unlock();
        }
        if (outcome != State.ACCEPTED) {
            desk.callerStoppedWaiting(reference);
        }
        record.record(CallEventType.ESCALATION_ENDED, "outcome", outcome.name(), "reason", reason);
    }
}
