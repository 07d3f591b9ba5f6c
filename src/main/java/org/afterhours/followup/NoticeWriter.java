package org.afterhours.followup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.RuleBook;

/** Words the notices: subject, a one-line summary, and the facts channels lay out (times in the line's zone). */
final class NoticeWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM h:mm a z", Locale.US);

    private final RuleBook rules;

    NoticeWriter(RuleBook rules) {
        this.rules = rules;
    }

    Notice write(NoticeKind kind, CallSummary call, List<Recipient> everyone, Map<String, String> extra) {
        String line = rules.lineById(call.lineId()).map(Line::name).orElse(call.lineId());
        ZoneId zone = rules.lineById(call.lineId()).map(Line::zone).orElse(Line.DEFAULT_ZONE);
        String ref = call.reference().digits();
        String caller = call.callerNumber().isEmpty() ? "an unknown number" : call.callerNumber();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("line", line);
        facts.put("lineId", call.lineId());
        facts.put("reference", ref);
        facts.put("callerNumber", call.callerNumber());
        facts.put("callerName", call.callerName());
        facts.put("calledAt", time(call.startedAt(), zone));
        call.messageKeptAt().ifPresent(at -> facts.put("keptAt", time(at, zone)));
        // For the phone notice, which has Asterisk say the time in the line's zone (SAY DATETIME).
        call.messageKeptAt().ifPresent(at -> facts.put("keptAtEpochSecond", Long.toString(at.getEpochSecond())));
        facts.put("zone", zone.getId());
        facts.put("urgent", Boolean.toString(call.urgent()));
        extra.forEach((name, value) -> facts.put(name, value));
        String message = call.urgent() ? "Urgent message" : "Message";
        String subject = switch (kind) {
            case MESSAGE_KEPT -> message + " " + ref + " on " + line + " from " + caller + ": respond within the hour";
            case MESSAGE_UNACKNOWLEDGED -> "Still unanswered: " + message.toLowerCase(Locale.ROOT) + " " + ref
                    + " on " + line + " from " + caller;
            case MESSAGE_BREACHED -> "BREACHED: " + message.toLowerCase(Locale.ROOT) + " " + ref + " on " + line
                    + " was not answered within the hour";
            case FOLLOW_UP_REMINDER -> "Follow-up due for call " + ref + " on " + line + " from " + caller;
            case FOLLOW_UP_OVERDUE -> "OVERDUE: follow-up of call " + ref + " on " + line + " from " + caller;
            case EMERGENCY_RESPONSE_BREACHED -> "BREACHED: emergency " + ref + " on " + line
                    + " was not accepted within the response time";
            case EMERGENCY_CUT_OFF -> "CALL BACK NOW: emergency caller " + caller + " was cut off on " + line
                    + " (reference " + ref + ")";
            case EMERGENCY_ACCEPTED -> "Emergency call " + ref + " on " + line + " accepted by "
                    + facts.getOrDefault("acceptedByName", "a technician");
            case EMERGENCY_NOT_ACCEPTED -> "Emergency call " + ref + " on " + line + ": nobody accepted";
            case RECORDING_FAILED -> "Recording failed on " + line + " (call " + ref + ")";
            case COVERAGE_GAPS -> "Call " + ref + " on " + line;
        };
        String summary = switch (kind) {
            case MESSAGE_KEPT -> caller + " left a" + (call.urgent() ? "n urgent" : "") + " message at "
                    + facts.getOrDefault("keptAt", facts.get("calledAt")) + ".";
            case MESSAGE_UNACKNOWLEDGED -> "Nobody has acknowledged this message yet (step "
                    + facts.getOrDefault("step", "?") + " of its response clock).";
            case MESSAGE_BREACHED -> "Nobody called the customer back within the hour.";
            case FOLLOW_UP_REMINDER -> "The follow-up with this caller is due at " + facts.get("dueAt") + ".";
            case FOLLOW_UP_OVERDUE -> "The follow-up with this caller was due at " + facts.get("dueAt")
                    + " and is not done.";
            case EMERGENCY_RESPONSE_BREACHED -> "No technician accepted this emergency within "
                    + facts.getOrDefault("responseMinutes", "15") + " minutes of the caller's key.";
            case EMERGENCY_ACCEPTED -> facts.getOrDefault("acceptedByName", "A technician")
                    + " accepted this emergency. Your alert call lets you join it.";
            case EMERGENCY_NOT_ACCEPTED -> "No technician accepted this emergency. The caller was asked to leave an"
                    + " urgent message.";
            case RECORDING_FAILED -> "Asterisk could not record this caller's message. The message was taken"
                    + " elsewhere (see the call's record in the console); fix the recording folder on the Asterisk"
                    + " host before the next caller.";
            case EMERGENCY_CUT_OFF -> "This emergency caller was cut off when the server handling the call stopped ("
                    + facts.getOrDefault("lastStep", "step unknown") + "). Nobody may have been reached: call them back"
                    + " now.";
            case COVERAGE_GAPS -> "";
        };
        return new Notice(kind, ref, everyone.isEmpty() ? Recipient.address("(nobody)") : everyone.get(0), everyone,
                subject, summary, facts, call.recordingPath(), "");
    }

    String time(Instant at, String lineId) {
        return time(at, rules.lineById(lineId).map(Line::zone).orElse(Line.DEFAULT_ZONE));
    }

    private static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }
}
