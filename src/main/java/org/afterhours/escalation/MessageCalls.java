package org.afterhours.escalation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phone notices of kept messages in progress on this node: what each placed leg is about, so the script the
 * answered phone runs ("press 1 to hear it, 2 to call the customer back, 3 if you are handling it") can say it and
 * report what the person chose. Legs are forgotten when the script has run or the phone was not answered.
 */
public final class MessageCalls {
    /**
     * @param callerDigits the customer's number, digits only (safe to say and to dial)
     * @param recording    the message as Asterisk plays it (a path without extension), or empty
     */
    /**
     * @param leftAtEpochSecond when the message was left, seconds since the epoch; 0 when unknown
     * @param zone              the line's zone, an IANA id such as America/Chicago, in which that time is said
     */
    public record MessageCall(String legId, String reference, String personId, String lineId, String callerDigits,
                              String recording, boolean urgent, long leftAtEpochSecond, String zone) {
        /** A message whose time is not known: the call does not say when it was left. */
        public MessageCall(String legId, String reference, String personId, String lineId, String callerDigits,
                           String recording, boolean urgent) {
            this(legId, reference, personId, lineId, callerDigits, recording, urgent, 0, "");
        }

        public MessageCall {
            zone = zone == null || !zone.matches("[A-Za-z0-9_+/-]{1,64}") ? "" : zone;
            Objects.requireNonNull(legId, "legId");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(personId, "personId");
            lineId = lineId == null ? "" : lineId;
            callerDigits = callerDigits == null ? "" : callerDigits.replaceAll("[^0-9]", "");
            recording = recording == null ? "" : recording;
        }
    }

    /** What the person on a message call chose; the follow-through records it and stops or moves the clock. */
    public interface Responses {
        /** Key 3: they handle it. */
        void acknowledged(String reference, String personId);

        /** Key 2 and the customer answered: the message is answered. */
        void calledBack(String reference, String personId);
    }

    private final Map<String, MessageCall> calls = new ConcurrentHashMap<>();

    public void register(MessageCall call) {
        calls.put(call.legId(), call);
    }

    public Optional<MessageCall> find(String legId) {
        return Optional.ofNullable(calls.get(legId));
    }

    public void forget(String legId) {
        calls.remove(legId);
    }
}
