package org.afterhours.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.calllog.ReferenceNumber;

/**
 * What a step of a call commits us to afterwards: a pure function of the event. The call log applies it in the
 * transaction that writes the event, so the deadlines are as durable as the call's record and a replayed journal
 * schedules nothing twice.
 *
 * <ul>
 *   <li>a message kept (by us, or by the dialplan's box when we could not record): tell people at once, the clock's steps, the breach at the hour, a follow-up;</li>
 *   <li>an emergency: the response clock, a follow-up;</li>
 *   <li>a non-emergency, when the server is set to: a follow-up.</li>
 * </ul>
 */
public final class Obligations {
    /** {@code TRIAGED}'s triage attribute, as the flow writes it. */
    private static final String EMERGENCY = "EMERGENCY";
    private static final String NOBODY_ACCEPTED = "NOBODY_ACCEPTED";
    private static final String NON_EMERGENCY = "NON_EMERGENCY";

    private final AfterCallSettings settings;

    public Obligations(AfterCallSettings settings) {
        this.settings = settings;
    }

    /** The message kept at {@code keptAt} must see its customer called back by this instant. */
    public Instant messageDeadline(Instant keptAt) {
        return keptAt.plus(settings.messageBreach());
    }

    /** The deadlines {@code event} starts (the follow-up's own reminders excluded: see {@link #followUpFor}). */
    public List<DueWork> dueFor(CallEvent event) {
        ReferenceNumber reference = event.reference();
        Instant at = event.at();
        List<DueWork> due = new ArrayList<>();
        switch (event.type()) {
            case VOICEMAIL_KEPT, VOICEMAIL_HANDED_TO_DIALPLAN -> {
                due.add(DueWork.at(reference, DueKind.MESSAGE_NOTICE, 0, at));
                int step = 1;
                for (MessageStep messageStep : settings.messageSteps()) {
                    due.add(DueWork.at(reference, DueKind.MESSAGE_ESCALATION, step++, at.plus(messageStep.after())));
                }
                due.add(DueWork.at(reference, DueKind.MESSAGE_BREACH, 0, messageDeadline(at)));
            }
            case TRIAGED -> {
                if (EMERGENCY.equals(event.attribute("triage"))) {
                    due.add(DueWork.at(reference, DueKind.EMERGENCY_RESPONSE, 0,
                            at.plus(settings.emergencyResponse()).plus(settings.responseSettle())));
                }
            }
            case TECHNICIAN_ACCEPTED -> due.add(DueWork.at(reference, DueKind.EMERGENCY_OUTCOME_ALERT, 0, at));
            case ESCALATION_ENDED -> {
                if (NOBODY_ACCEPTED.equals(event.attribute("outcome"))) {
                    due.add(DueWork.at(reference, DueKind.EMERGENCY_OUTCOME_ALERT, 0, at));
                }
            }
            case RECORDING_FAILED -> due.add(DueWork.at(reference, DueKind.RECORDING_FAILED_ALERT, 0, at));
            default -> {
                // nothing owed
            }
        }
        return due;
    }

    /** The follow-up {@code event} makes owed, if any. */
    public Optional<FollowUp> followUpFor(CallEvent event) {
        return switch (event.type()) {
            case VOICEMAIL_KEPT, VOICEMAIL_HANDED_TO_DIALPLAN ->
                    Optional.of(owed(event.reference(), FollowUpCause.MESSAGE, event.at()));
            case TRIAGED -> switch (event.attribute("triage")) {
                case EMERGENCY -> Optional.of(owed(event.reference(), FollowUpCause.EMERGENCY, event.at()));
                case NON_EMERGENCY -> settings.followUpNonEmergency()
                        ? Optional.of(owed(event.reference(), FollowUpCause.NON_EMERGENCY, event.at()))
                        : Optional.empty();
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    /** A follow-up owed from {@code at}, due a day later by default. */
    public FollowUp owed(ReferenceNumber reference, FollowUpCause cause, Instant at) {
        return new FollowUp(reference, cause, at, at.plus(settings.followUpDue()), Optional.empty());
    }

    /** The reminder and the overdue notice of {@code followUp}; a reminder whose time is past already is left out. */
    public List<DueWork> remindersOf(FollowUp followUp) {
        Duration beforeDue = settings.followUpDue().minus(settings.followUpReminder());
        Instant reminder = followUp.dueAt().minus(beforeDue);
        List<DueWork> due = new ArrayList<>();
        if (reminder.isAfter(followUp.owedAt())) {
            due.add(DueWork.at(followUp.reference(), DueKind.FOLLOW_UP_REMINDER, 0, reminder));
        }
        due.add(DueWork.at(followUp.reference(), DueKind.FOLLOW_UP_OVERDUE, 0, followUp.dueAt()));
        return due;
    }
}
