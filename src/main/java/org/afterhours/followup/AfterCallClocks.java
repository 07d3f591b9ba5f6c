package org.afterhours.followup;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.Recipient;
import org.afterhours.oncall.RuleBook;

/** The handlers of every kind of deadline, over the stores, the rule book and the notice channels. */
public final class AfterCallClocks {
    private AfterCallClocks() {
    }

    /**
     * @param helpdeskEmail the help desk's mailbox, told of every kept message (its ticketing opens the ticket); empty
     *                      for none
     * @param alertRoles    the roles told in writing of an emergency's outcome and of a failed recording
     */
    public static Map<DueKind, DueHandler> handlers(AfterCallStores stores, RuleBook rules,
                                                    List<NoticeChannel> channels, Optional<AcknowledgeLinks> links,
                                                    AfterCallSettings settings, String helpdeskEmail,
                                                    List<String> alertRoles, Clock clock) {
        Recipients recipients = new Recipients(rules);
        NoticeWriter writer = new NoticeWriter(rules);
        NoticeDelivery delivery = new NoticeDelivery(channels, stores.log(), links, clock);
        List<Recipient> helpdesk = helpdeskEmail.isBlank() ? List.of() : List.of(Recipient.address(helpdeskEmail));
        ClockParts parts = new ClockParts(stores.calls(), stores.log(), recipients, writer, delivery, settings, clock);
        MessageClock message = new MessageClock(parts, helpdesk);
        FollowUpClock followUp = new FollowUpClock(stores.followUps(), parts);
        ResponseClock response = new ResponseClock(parts);
        CoverageWarnings coverage = new CoverageWarnings(stores.queue(), rules, parts);
        Map<DueKind, DueHandler> handlers = new EnumMap<>(DueKind.class);
        handlers.put(DueKind.MESSAGE_NOTICE, message::messageKept);
        handlers.put(DueKind.MESSAGE_ESCALATION, message::stepReached);
        handlers.put(DueKind.MESSAGE_BREACH, message::hourEnded);
        handlers.put(DueKind.FOLLOW_UP_REMINDER, followUp::remind);
        handlers.put(DueKind.FOLLOW_UP_OVERDUE, followUp::overdue);
        handlers.put(DueKind.EMERGENCY_RESPONSE, response::timeUp);
        handlers.put(DueKind.EMERGENCY_CUT_OFF, response::cutOff);
        AlertNotices alerts = new AlertNotices(parts, alertRoles);
        handlers.put(DueKind.EMERGENCY_OUTCOME_ALERT, alerts::emergencyOutcome);
        handlers.put(DueKind.RECORDING_FAILED_ALERT, alerts::recordingFailed);
        handlers.put(DueKind.COVERAGE_DAILY, coverage::warn);
        handlers.put(DueKind.COVERAGE_IMPORTED, coverage::warn);
        return handlers;
    }
}
