package org.afterhours.calllog;

import java.util.Map;

/**
 * The call record's vocabulary in the words people read (the console's pages): one place. Every code of
 * {@link Triage}, {@link CallOutcome} and {@link MessageStatus} has its words here (WordsTest checks each).
 */
public final class Words {
    private static final Map<Enum<?>, String> WORDS = Map.ofEntries(
            Map.entry(Triage.EMERGENCY, "Emergency"),
            Map.entry(Triage.NON_EMERGENCY, "Not an emergency"),
            Map.entry(CallOutcome.TRANSFERRED, "Sent to the help desk"),
            Map.entry(CallOutcome.CONNECTED, "Connected to a technician"),
            Map.entry(CallOutcome.INFORMED, "Told how to open a ticket"),
            Map.entry(CallOutcome.VOICEMAIL, "Message"),
            Map.entry(CallOutcome.URGENT_VOICEMAIL, "Urgent message"),
            Map.entry(CallOutcome.NO_MESSAGE, "No message left"),
            Map.entry(CallOutcome.CALLER_HUNG_UP, "Caller hung up"),
            Map.entry(CallOutcome.CUT_OFF, "Cut off: the server stopped"),
            Map.entry(MessageStatus.PENDING_RESPONSE, "Waiting for a call-back"),
            Map.entry(MessageStatus.ACKNOWLEDGED, "Acknowledged, waiting for a call-back"),
            Map.entry(MessageStatus.RESPONDED, "Called back"),
            Map.entry(MessageStatus.BREACHED, "Overdue: not called back in time"));

    private Words() {
    }

    /** The code's words; its name for a code not worded yet (WordsTest fails first). */
    public static String of(Enum<?> code) {
        return WORDS.getOrDefault(code, code.name());
    }
}
