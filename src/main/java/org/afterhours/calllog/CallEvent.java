package org.afterhours.calllog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of one call. {@code (callId, sequence)} identifies it everywhere: in the journal, in the database, in a
 * replay, which is what makes writing it exactly once possible. The reference number is what the caller heard; two
 * calls may be read the same one (a lost data folder, a wrapped counter, two nodes with one node id), but never
 * share a call id.
 *
 * @param callId     made when the call starts (a random UUID); events written before call ids existed use the
 *                   reference number itself
 * @param sequence   1, 2, 3... within the call, in the order things happened
 * @param attributes what the step is about (see {@link CallEventType}); values are untrusted text
 */
public record CallEvent(String callId, ReferenceNumber reference, int sequence, Instant at, CallEventType type,
                        Map<String, String> attributes) {
    public CallEvent {
        Objects.requireNonNull(callId, "callId");
        if (callId.isEmpty() || callId.length() > 36) {
            throw new IllegalArgumentException("call id must be 1-36 characters");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** An event of a call identified by its reference number alone (as before call ids). */
    public CallEvent(ReferenceNumber reference, int sequence, Instant at, CallEventType type,
                     Map<String, String> attributes) {
        this(reference.digits(), reference, sequence, at, type, attributes);
    }

    public String attribute(String name) {
        return attributes.getOrDefault(name, "");
    }
}
