package org.afterhours.followup;

import java.time.Duration;
import java.util.Objects;

/**
 * A step of the one-hour message clock: still unacknowledged {@code after} the message was kept, everyone told so
 * far is told again and {@code adds} joins them.
 *
 * @param adds {@code primary} or {@code secondary} (the line's rotation) or a role (Hosted Administrator)
 */
public record MessageStep(Duration after, String adds) {
    public MessageStep {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(adds, "adds");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("a message step comes after the message, not " + after);
        }
        if (adds.isBlank()) {
            throw new IllegalArgumentException("a message step names whom it adds");
        }
    }

    /**
     * Parses {@code "15 secondary; 30 Hosted Administrator; 45 Support Manager"}: minutes, then whom each adds.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static java.util.List<MessageStep> parseAll(String text) {
        java.util.List<MessageStep> steps = new java.util.ArrayList<>();
        for (String part : text.split(";")) {
            String step = part.strip();
            if (step.isEmpty()) {
                continue;
            }
            int space = step.indexOf(' ');
            try {
                if (space < 0) {
                    throw new NumberFormatException();
                }
                steps.add(new MessageStep(Duration.ofMinutes(Long.parseLong(step.substring(0, space))),
                        step.substring(space + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + step + "' is not <minutes> <who>, e.g. 15 secondary");
            }
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).after().compareTo(steps.get(i - 1).after()) <= 0) {
                throw new IllegalArgumentException("message steps must come in increasing minutes");
            }
        }
        return steps;
    }
}
