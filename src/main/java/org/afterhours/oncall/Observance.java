package org.afterhours.oncall;

import java.time.LocalDate;

/**
 * When a holiday that falls on a weekend is also observed on a weekday. The line is closed on the
 * holiday's own date and on its observed date.
 */
public enum Observance {
    /** Only the date itself. */
    NONE,
    /** Saturday is observed on the Friday before, Sunday on the Monday after (US federal rule). */
    NEAREST_WEEKDAY,
    /** Saturday and Sunday are both observed on the Monday after (substitute day). */
    NEXT_WEEKDAY;

    public LocalDate observed(LocalDate date) {
        return switch (this) {
            case NONE -> date;
            case NEAREST_WEEKDAY -> switch (date.getDayOfWeek()) {
                case SATURDAY -> date.minusDays(1);
                case SUNDAY -> date.plusDays(1);
                default -> date;
            };
            case NEXT_WEEKDAY -> switch (date.getDayOfWeek()) {
                case SATURDAY -> date.plusDays(2);
                case SUNDAY -> date.plusDays(1);
                default -> date;
            };
        };
    }

    /** The word used in files: {@code none}, {@code nearest-weekday}, {@code next-weekday}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Reads {@link #word()}'s form back. @throws IllegalArgumentException for any other word */
    public static Observance fromWord(String word) {
        return valueOf(word.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
