package org.afterhours.oncall;

import java.util.List;
import java.util.Objects;

/**
 * Ordered steps tried one after the other until someone accepts; then the whole chain is tried again
 * {@code repeat} more times (0: once only). The default is the procedure's chain: primary on call,
 * secondary on call, Hosted Administrator, Support Manager.
 *
 * <p>The definition lives here, with the rest of the rule book it is stored and imported with; the
 * decision of whom to ring at a given instant is the escalation package's.
 */
public record EscalationPolicy(String id, String name, List<EscalationStep> steps, int repeat) {
    public EscalationPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
    }
}
