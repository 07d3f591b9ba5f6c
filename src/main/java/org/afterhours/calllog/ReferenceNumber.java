package org.afterhours.calllog;

import java.util.regex.Pattern;

/**
 * The number a caller quotes to talk about their call: digits only, at most seven, so it can be read out once and
 * typed on a keypad. Unique across nodes and days (see {@link BlockReferenceNumbers}).
 */
public record ReferenceNumber(String digits) {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,7}");

    public ReferenceNumber {
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("a reference number is 1 to 7 digits, not '" + digits + "'");
        }
    }

    @Override
    public String toString() {
        return digits;
    }
}
