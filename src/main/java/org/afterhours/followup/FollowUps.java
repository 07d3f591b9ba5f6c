package org.afterhours.followup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.calllog.FollowUpMethod;
import org.afterhours.calllog.MessageResponse;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.RuleBook;

/**
 * What people and other parts of the product do to the follow-through: owe a follow-up, mark one done, acknowledge
 * or answer a message (key 3 on the notification call, the email's link, the console). Every change is recorded in
 * the call's after-call events.
 */
public final class FollowUps {
    private final AfterCallStores stores;
    private final Obligations obligations;
    private final Optional<AcknowledgeLinks> links;
    private final Clock clock;

    public FollowUps(AfterCallStores stores, Obligations obligations, Optional<AcknowledgeLinks> links, Clock clock) {
        this.stores = stores;
        this.obligations = obligations;
        this.links = links;
        this.clock = clock;
    }

    /**
     * The call owes its caller a follow-up due at {@code dueAt} (its reminder goes out before, if there is still
     * time; at {@code dueAt} it is overdue and the Support Manager is told). A call that owes one already keeps it.
     *
     * @return false when the call owed one already
     */
    public boolean owe(ReferenceNumber reference, FollowUpCause cause, Instant dueAt) {
        Instant now = clock.instant();
        FollowUp followUp = new FollowUp(reference, cause, now, dueAt, Optional.empty());
        boolean owed = stores.followUps().owe(followUp, obligations.remindersOf(followUp));
        if (owed) {
            stores.log().record(AfterCallEvent.of(reference, now, AfterCallEventType.FOLLOW_UP_OWED,
                    cause + ", due " + dueAt));
        }
        return owed;
    }

    /** A follow-up due now: overdue at once, so the Support Manager hears of it on the next round of the timers. */
    public boolean oweAtOnce(ReferenceNumber reference, FollowUpCause cause) {
        return owe(reference, cause, clock.instant());
    }

    /**
     * An emergency caller was cut off when a node died while they waited: the people who can call them back are told
     * at once (a due item, so whichever node is up sends it, retried until delivered). The last step is recorded
     * for the notice.
     */
    public void alertEmergencyCutOff(ReferenceNumber reference, String lastStep) {
        Instant now = clock.instant();
        stores.queue().schedule(List.of(DueWork.at(reference, DueKind.EMERGENCY_CUT_OFF, 0, now)));
        stores.log().record(AfterCallEvent.of(reference, now, AfterCallEventType.EMERGENCY_CUT_OFF, lastStep));
    }

    /** @return false when the call owes no follow-up or it was done already */
    public boolean done(ReferenceNumber reference, String by, FollowUpMethod how, String note) {
        return done(reference, by, how, clock.instant(), note);
    }

    /**
     * As {@link #done(ReferenceNumber, String, FollowUpMethod, String)}, for a follow-up made at {@code at} and
     * recorded later (the console's form: the technician called back first and writes it down after).
     */
    public boolean done(ReferenceNumber reference, String by, FollowUpMethod how, Instant at, String note) {
        Instant now = clock.instant();
        boolean done = stores.followUps().complete(reference, new FollowUp.Done(by, how, at, note));
        if (done) {
            stores.log().record(new AfterCallEvent(reference, now, AfterCallEventType.FOLLOW_UP_DONE, 0, by,
                    how.name(), note));
        }
        return done;
    }

    /** Everything done for the call after it (notices, acknowledgements, responses, breaches), oldest first. */
    public List<AfterCallEvent> history(ReferenceNumber reference) {
        return stores.log().of(reference);
    }

    /**
     * Who owes the caller the follow-up: whoever took the call, else the line's on-call technician when it came in.
     * The same person the reminder goes to.
     */
    public Optional<Person> owedBy(ReferenceNumber reference, RuleBook rules) {
        return stores.calls().call(reference).flatMap(call -> new Recipients(rules).handlerOf(call));
    }

    public Optional<FollowUp> find(ReferenceNumber reference) {
        return stores.followUps().find(reference);
    }

    /** Open follow-ups, earliest due first; only the overdue ones when {@code overdueOnly}. */
    public List<FollowUp> open(boolean overdueOnly) {
        return stores.followUps().open(clock.instant(), overdueOnly);
    }

    /**
     * A technician handles the message: its escalation stops (the hour still runs until the customer is called back).
     *
     * @param how {@code phone}, {@code link}, {@code console}: recorded
     * @return false when it was acknowledged or answered already
     */
    public boolean acknowledge(ReferenceNumber reference, String by, String how) {
        Instant now = clock.instant();
        boolean changed = stores.calls().acknowledge(reference, by, now);
        if (changed) {
            stores.log().record(new AfterCallEvent(reference, now, AfterCallEventType.MESSAGE_ACKNOWLEDGED, 0, by,
                    how, ""));
        }
        return changed;
    }

    /** The customer was called back: the message's clock stops. @return false when it was marked already */
    public boolean responded(ReferenceNumber reference, String by, String how) {
        Instant now = clock.instant();
        boolean changed = stores.calls().respond(reference, by, now);
        if (changed) {
            stores.log().record(new AfterCallEvent(reference, now, AfterCallEventType.MESSAGE_RESPONDED, 0, by, how,
                    ""));
        }
        return changed;
    }

    /**
     * Every message still owed a call back at {@code at} (pending, acknowledged or past its deadline), oldest first,
     * with the deadline the configured response clock gives it. The console lists these; nobody keeps a copy of the
     * rule.
     */
    public List<WaitingMessage> waitingMessages(Instant at) {
        return stores.calls().waitingMessages(at).stream()
                .filter(call -> call.messageKeptAt().isPresent() && call.messageStatus().isPresent())
                .map(call -> new WaitingMessage(call, call.messageStatus().get(), call.messageKeptAt().get(),
                        obligations.messageDeadline(call.messageKeptAt().get())))
                .toList();
    }

    /** Whether the customer was called back within the message's response clock. */
    public boolean answeredInTime(MessageResponse response) {
        return response.keptAt() != null && response.respondedAt() != null
                && !response.respondedAt().isAfter(obligations.messageDeadline(response.keptAt()));
    }

    /**
     * The email's one-click link: acknowledges as its recipient if the token is ours and unexpired. The console's
     * endpoint calls this with the token from the query string.
     *
     * @return the acknowledgement the token carried, empty when it was not valid
     */
    public Optional<AcknowledgeLinks.Acknowledgement> acknowledgeByLink(String token) {
        Optional<AcknowledgeLinks.Acknowledgement> ack = links.flatMap(l -> l.verify(token, clock.instant()));
        ack.ifPresent(a -> acknowledge(a.reference(), a.recipientId(), "link"));
        return ack;
    }
}
