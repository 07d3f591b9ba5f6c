package org.afterhours.calllog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of one call. {@code (reference, sequence)} identifies it everywhere: in the journal, in the database, in
 * a replay, which is what makes writing it exactly once possible.
 *
 * @param sequence   1, 2, 3... within the call, in the order things happened
 * @param attributes what the step is about (see {@link CallEventType}); values are untrusted text
 */
public record CallEvent(ReferenceNumber reference, int sequence, Instant at, CallEventType type,
                        Map<String, String> attributes) {
    public CallEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public String attribute(String name) {
        return attributes.getOrDefault(name, "");
    }
}
