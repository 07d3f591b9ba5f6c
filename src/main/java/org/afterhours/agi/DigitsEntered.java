package org.afterhours.agi;

/**
 * What GET DATA collected.
 *
 * @param digits   the keys pressed, possibly empty
 * @param timedOut Asterisk stopped waiting before the caller finished (it may still have some digits)
 * @param failed   Asterisk answered {@code result=-1}
 */
public record DigitsEntered(String digits, boolean timedOut, boolean failed) {
    public boolean isEmpty() {
        return digits.isEmpty();
    }
}
