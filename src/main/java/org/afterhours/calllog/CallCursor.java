package org.afterhours.calllog;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a page of the call log starts: just older (or just newer) than one call, which is named by its start and
 * reference (the log's order). Pages found this way cost the same however deep they are, unlike an offset.
 *
 * @param older true: the calls after this one in the log (older); false: the calls before it (newer)
 */
public record CallCursor(Instant startedAt, String reference, boolean older) {

    /** As written in a link: {@code <epoch millis>-<reference>}. */
    public String token() {
        return startedAt.toEpochMilli() + "-" + reference;
    }

    public static Optional<CallCursor> parse(String token, boolean older) {
        if (token == null || !token.matches("[0-9]{1,15}-[0-9]{7}")) {
            return Optional.empty();
        }
        int dash = token.indexOf('-');
        return Optional.of(new CallCursor(Instant.ofEpochMilli(Long.parseLong(token.substring(0, dash))),
                token.substring(dash + 1), older));
    }
}
