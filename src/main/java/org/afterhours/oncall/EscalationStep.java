package org.afterhours.oncall;

import java.time.Duration;
import java.util.Objects;

/** One rung of an escalation policy: whom to ring, how long each ring lasts, how many times to try. */
public record EscalationStep(StepTarget target, Duration ringTimeout, int attempts) {
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

    public EscalationStep {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
    }
}
