package org.afterhours.oncall;

/** The two seats a rotation fills: the On-Call Support Technician and the Second Call Support Technician. */
public enum Position {
    PRIMARY,
    SECONDARY;

    /** The word used in files and printouts: {@code primary}, {@code secondary}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
