package org.afterhours.oncall;

import java.util.Objects;

/**
 * One way to ring a person: a label for humans ({@code mobile}) and the Asterisk dial string
 * ({@code PJSIP/alice}, {@code PJSIP/+19135550100@trunk}).
 */
public record ContactPoint(String label, String dialString) {
    public ContactPoint {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(dialString, "dialString");
    }
}
