package org.afterhours.calllog;

import java.time.Instant;
import java.util.Map;

/** A call event as stored: its attributes are text, some of them from the caller. */
public record LoggedEvent(int sequence, Instant at, String type, Map<String, String> attributes) {
    public LoggedEvent {
        attributes = Map.copyOf(attributes);
    }
}
