package org.afterhours.console;

import java.util.Optional;

/** The signed one-click links in message notices: a valid token acknowledges its message for its recipient. */
@FunctionalInterface
public interface MessageAcknowledgements {
    /** No links are issued (no signing key or no public address): every token is refused. */
    MessageAcknowledgements NONE = token -> Optional.empty();

    /** @return the message's reference number when {@code token} is valid and unexpired, else empty */
    Optional<String> acknowledge(String token);
}
