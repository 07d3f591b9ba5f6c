package org.afterhours.escalation;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.oncall.Person;

/**
 * The server-wide view of emergencies in progress: which outbound leg belongs to which call (so the screening
 * session of a technician's phone finds its emergency), who has accepted, and who is busy with an emergency already
 * (so a second emergency on the same line goes on to the next person instead of ringing a phone that is in use).
 */
public final class EmergencyDesk {

    /**
     * What a screening session needs to know about the leg it runs on.
     *
     * @param record     the emergency call's record: the screening writes its steps there
     * @param acceptedBy for a manager's alert, the technician who accepted (null: nobody did)
     */
    public record Leg(String legId, String reference, String lineId, String personId, String personName,
                      LegRole role, CallRecorder record, Person acceptedBy) {
    }

    /**
     * A technician asked to accept, a manager alerted (who may join), or someone told of a kept message after the
     * call (that leg runs the message script, not screening, and never enters this desk).
     */
    public enum LegRole { TECHNICIAN, MANAGER, MESSAGE }

    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ScreeningVerdict>> verdicts = new ConcurrentHashMap<>();
    /** Where each emergency stands; changed only through ConcurrentHashMap.compute, so accept and cancel race safely. */
    private enum CallState { WAITING, ACCEPTED, OVER }

    private final Map<String, CallState> calls = new ConcurrentHashMap<>();
    private final Map<String, String> engagedPersons = new ConcurrentHashMap<>();

    /** The caller of {@code reference} is holding for a technician. */
    public void callerWaiting(String reference) {
        calls.put(reference, CallState.WAITING);
    }

    /**
     * The caller stopped waiting (hung up, chose voicemail, nobody accepted): no one can accept any more.
     *
     * @return false when someone accepted first: the caller should be connected after all
     */
    public boolean callerStoppedWaiting(String reference) {
        return calls.compute(reference, (r, state) -> state == CallState.ACCEPTED ? state : CallState.OVER)
                != CallState.ACCEPTED;
    }

    /** @return false when the person is busy with another emergency */
    public boolean engage(String personId, String reference) {
        String holder = engagedPersons.putIfAbsent(personId, reference);
        return holder == null || holder.equals(reference);
    }

    public void release(String personId, String reference) {
        engagedPersons.remove(personId, reference);
    }

    public CompletableFuture<ScreeningVerdict> register(Leg leg) {
        legs.put(leg.legId(), leg);
        return verdicts.computeIfAbsent(leg.legId(), id -> new CompletableFuture<>());
    }

    public void forget(String legId) {
        legs.remove(legId);
        verdicts.remove(legId);
    }

    public Optional<Leg> leg(String legId) {
        return Optional.ofNullable(legs.get(legId));
    }

    /**
     * The person on {@code legId} pressed 1. Only the first acceptance of a call whose caller is still waiting
     * wins; everyone else is told the call is taken.
     *
     * @return whether this person now has the call
     */
    public boolean accept(String legId) {
        Leg leg = legs.get(legId);
        if (leg == null || leg.role() != LegRole.TECHNICIAN) {
            return false;
        }
        boolean[] won = new boolean[1];
        calls.computeIfPresent(leg.reference(), (r, state) -> {
            won[0] = state == CallState.WAITING;
            return won[0] ? CallState.ACCEPTED : state;
        });
        if (won[0]) {
            complete(legId, ScreeningVerdict.ACCEPTED);
        }
        return won[0];
    }

    /** A manager may join while the call is live: accepted and not over. */
    public boolean callLive(String reference) {
        return calls.get(reference) == CallState.ACCEPTED;
    }

    public void callOver(String reference) {
        calls.remove(reference);
    }

    public void complete(String legId, ScreeningVerdict verdict) {
        CompletableFuture<ScreeningVerdict> future = verdicts.get(legId);
        if (future != null) {
            future.complete(verdict);
        }
    }
}
