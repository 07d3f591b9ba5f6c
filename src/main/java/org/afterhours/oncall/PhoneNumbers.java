package org.afterhours.oncall;

/** Phone numbers as people write them ("+1 (913) 201-6503") compared as Asterisk sends them (19132016503). */
public final class PhoneNumbers {
    /** North American numbers without the country code: what a dnid often carries. */
    static final int NATIONAL_DIGITS = 10;

    private PhoneNumbers() {
    }

    public static String digits(String number) {
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /** The last ten digits, or the whole when shorter: the national number in the North American plan. */
    static String national(String digits) {
        return digits.length() <= NATIONAL_DIGITS ? digits : digits.substring(digits.length() - NATIONAL_DIGITS);
    }
}
