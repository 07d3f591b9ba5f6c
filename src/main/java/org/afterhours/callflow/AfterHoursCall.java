package org.afterhours.callflow;

import java.time.Clock;
import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.AgiHangupException;
import org.afterhours.agi.AgiRequest;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.calllog.Triage;
import org.afterhours.oncall.DaytimeRouting;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.RuleBook;

/**
 * One call to an after-hours line, from answer to goodbye, in the order of the procedure: greet; in business hours
 * send the caller to the help desk; otherwise ask "emergency or not"; for an emergency read the reference number
 * and reach a technician (or take an urgent message); for anything else explain how to open a request and offer to
 * take a message. Every step goes into the call's record as it happens; a hang-up anywhere ends the call with the
 * step it happened in.
 */
final class AfterHoursCall {
    private static final String EMERGENCY_KEY = "1";
    private static final String NON_EMERGENCY_KEY = "2";
    private static final char LEAVE_MESSAGE_KEY = '1';
    private static final char HEAR_INFO_KEY = '2';

    private final AgiRequest request;
    private final AgiChannel channel;
    private final Line line;
    private final RuleBook rules;
    private final CallRecorder record;
    private final FlowSettings settings;
    private final TechnicianConnector technicians;
    private final CallerPrompts prompts;
    private final KeypadMenu menu;
    private final VoicemailBox voicemail;
    private final Clock clock;
    private CallStep step = CallStep.ANSWER;
    private String outcome = "";
    private boolean handedToDialplan;

    AfterHoursCall(AgiRequest request, AgiChannel channel, Line line, RuleBook rules, CallRecorder record,
                   FlowSettings settings, TechnicianConnector technicians, VoicemailAlerts alerts, Clock clock,
                   OptionalPrompts optionalPrompts) {
        this.request = request;
        this.channel = channel;
        this.line = line;
        this.rules = rules;
        this.record = record;
        this.settings = settings;
        this.technicians = technicians;
        this.clock = clock;
        this.prompts = new CallerPrompts(channel, record, optionalPrompts);
        this.menu = new KeypadMenu(channel, prompts, record, settings.menuTries(), settings.keyTimeout());
        this.voicemail = new VoicemailBox(channel, prompts, menu, record, settings, alerts);
    }

    void run() {
        boolean businessHours = rules.isOpen(line.id(), clock.instant());
        record.record(CallEventType.CALL_STARTED, "line", line.id(), "dialled", request.dialledNumber(),
                "callerNumber", request.callerIdNumber(), "callerName", request.callerIdName(),
                "uniqueId", request.uniqueId(), "businessHours", Boolean.toString(businessHours));
        try {
            channel.answer();
            Optional<Character> pressedDuringGreeting = greet();
            if (businessHours) {
                sendToHelpdesk();
            } else {
                Optional<Triage> triage = askIfEmergency(pressedDuringGreeting);
                if (triage.isEmpty()) {
                    takeMessage(Prompts.LEAVE_MESSAGE, false); // no choice in three tries: still never let go
                } else if (triage.get() == Triage.EMERGENCY) {
                    reachTechnician();
                } else {
                    explainHelpdesk();
                }
            }
            sayGoodbye();
        } catch (AgiHangupException hungUp) {
            record.record(CallEventType.CALLER_HUNG_UP, "step", step.name());
            outcome = outcome.isEmpty() ? "CALLER_HUNG_UP" : outcome;
            throw hungUp;
        } finally {
            record.record(CallEventType.CALL_ENDED, "step", step.name(), "outcome", outcome);
        }
    }

    /**
     * Plays the line's own greeting, or ours when it has none or Asterisk lacks its file.
     *
     * @return a key the caller pressed to cut the greeting short (it answers the first question)
     */
    private Optional<Character> greet() {
        step = CallStep.GREETING;
        if (line.greeting() != null && !line.greeting().isBlank()) {
            Optional<Optional<Character>> own = prompts.playIfPresent(line.greeting(), AgiChannel.ANY_KEY);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return prompts.play(Prompts.WELCOME, AgiChannel.ANY_KEY);
    }

    /** The help desk is open: put the caller through, or take a message if nobody answers there. */
    private void sendToHelpdesk() {
        step = CallStep.BUSINESS_HOURS;
        String number = HelpdeskInfo.digits(line.helpdesk().phone());
        if (line.daytimeRouting() == DaytimeRouting.TRANSFER && !number.isEmpty()) {
            prompts.play(Prompts.OPEN_NOW_TRANSFERRING);
            String dialString = settings.transferDialTemplate().replace("{number}", number);
            channel.exec("Dial", dialString, Long.toString(settings.transferRingTime().toSeconds()));
            String dialStatus = channel.getVariable("DIALSTATUS").orElse("");
            record.record(CallEventType.TRANSFERRED, "number", number, "dialStatus", dialStatus);
            if (dialStatus.equals("ANSWER")) {
                outcome = "TRANSFERRED";
                return;
            }
        }
        takeMessage(Prompts.OPEN_NOW_LEAVE_MESSAGE, false);
    }

    /** @return the caller's choice, or empty when they made none (recorded as not an emergency) */
    private Optional<Triage> askIfEmergency(Optional<Character> pressedEarly) {
        step = CallStep.TRIAGE;
        Optional<Character> key = menu.ask("triage", Prompts.TRIAGE_MENU, EMERGENCY_KEY + NON_EMERGENCY_KEY,
                pressedEarly);
        if (key.isEmpty()) {
            record.record(CallEventType.TRIAGED, "triage", Triage.NON_EMERGENCY.name(), "reason", "no-choice");
            return Optional.empty();
        }
        Triage triage = EMERGENCY_KEY.equals(key.get().toString()) ? Triage.EMERGENCY : Triage.NON_EMERGENCY;
        record.record(CallEventType.TRIAGED, "triage", triage.name(), "reason", "chosen");
        return Optional.of(triage);
    }

    /**
     * Phones ring from the caller's key on: the reference, "connecting you" and the reference again are heard while
     * they ring. A technician who accepts meanwhile hears the reference in the screening and is not kept waiting.
     */
    private void reachTechnician() {
        step = CallStep.REACHING_TECHNICIAN;
        TechnicianConnector.Result result;
        try (TechnicianSearch search = technicians.startSearch(line, record, channel)) {
            readReference(Prompts.YOUR_REFERENCE_IS);
            if (!search.accepted()) {
                step = CallStep.REACHING_TECHNICIAN;
                prompts.play(Prompts.CONNECTING_TECHNICIAN);
            }
            if (!search.accepted()) {
                readReference(Prompts.AGAIN_YOUR_REFERENCE_IS);
            }
            step = CallStep.REACHING_TECHNICIAN;
            result = search.holdAndConnect();
        }
        record.record(CallEventType.TECHNICIAN_SOUGHT, "outcome", result.name());
        if (result == TechnicianConnector.Result.CONNECTED) {
            outcome = "CONNECTED";
            return;
        }
        // Still an emergency: the message is urgent either way.
        takeMessage(result == TechnicianConnector.Result.CALLER_CHOSE_VOICEMAIL ? Prompts.LEAVE_MESSAGE
                : Prompts.NO_TECHNICIAN_LEAVE_MESSAGE, true);
    }

    /**
     * Not an emergency: the choice comes first ("to leave a message now, press 1; to hear how to open a request,
     * press 2"), so a caller who wants to leave a message does not sit through the help desk's details. Any key
     * stops the information; a caller who chooses nothing hears it once and may then leave a message.
     */
    private void explainHelpdesk() {
        step = CallStep.HELPDESK_INFO;
        String choices = "" + LEAVE_MESSAGE_KEY + HEAR_INFO_KEY;
        HelpdeskInfo helpdesk = new HelpdeskInfo(prompts, choices);
        Optional<Character> choice = menu.ask("helpdesk-choice", Prompts.NONEMERGENCY_CHOICE, choices);
        while (choice.isEmpty() || choice.get() == HEAR_INFO_KEY) {
            Optional<Character> pressed = helpdesk.tell(line);
            choice = menu.ask("helpdesk", Prompts.NONEMERGENCY_OPTIONS, choices, pressed);
            if (choice.isEmpty()) {
                outcome = "INFORMED";
                return;
            }
        }
        takeMessage(Prompts.LEAVE_MESSAGE, false);
    }

    private void takeMessage(String invitation, boolean urgent) {
        step = CallStep.VOICEMAIL;
        switch (voicemail.takeMessage(line, invitation, urgent)) {
            case KEPT -> {
                outcome = urgent ? "URGENT_VOICEMAIL" : "VOICEMAIL";
                prompts.play(Prompts.MESSAGE_SAVED);
                readReference(Prompts.YOUR_REFERENCE_IS);
            }
            case HANDED_TO_DIALPLAN -> {
                // The dialplan's voicemail box takes the message: no goodbye, and above all no hang-up.
                outcome = urgent ? "URGENT_VOICEMAIL" : "VOICEMAIL";
                handedToDialplan = true;
            }
            case NOTHING_HEARD -> outcome = "NO_MESSAGE";
        }
    }

    private void readReference(String introduction) {
        step = CallStep.REFERENCE;
        prompts.play(introduction);
        prompts.sayDigits("reference", record.reference().digits());
        record.record(CallEventType.REFERENCE_READ);
    }

    private void sayGoodbye() {
        if (handedToDialplan) {
            return;
        }
        step = CallStep.GOODBYE;
        prompts.play(Prompts.GOODBYE);
        channel.hangup();
        if (outcome.isEmpty()) {
            outcome = "INFORMED";
        }
    }
}
