package org.afterhours.callflow;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.afterhours.oncall.Helpdesk;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OpeningPeriod;

/**
 * Tells a non-emergency caller how to open a request (procedure step 4): the main support number, the email
 * address and the web portal of the line they called, and that requests are answered in business hours, e.g.
 * "from 8 A M to 5 P M Central time, Monday to Friday". Numbers go through Asterisk's SAY commands; addresses are
 * played from prompts rendered for the line when they exist, and spelled otherwise. Every part can be cut short by
 * a key: a caller who already knows what they want is not made to listen to the rest.
 */
final class HelpdeskInfo {
    private static final Map<String, String> ZONE_PROMPTS = Map.of(
            "America/Chicago", Prompts.CENTRAL_TIME,
            "America/New_York", Prompts.EASTERN_TIME,
            "America/Denver", Prompts.MOUNTAIN_TIME,
            "America/Phoenix", Prompts.MOUNTAIN_TIME,
            "America/Los_Angeles", Prompts.PACIFIC_TIME);
    private static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private final CallerPrompts prompts;
    private final String interruptKeys;

    /** @param interruptKeys keys that stop the information at once (the caller knows what they want) */
    HelpdeskInfo(CallerPrompts prompts, String interruptKeys) {
        this.prompts = prompts;
        this.interruptKeys = interruptKeys;
    }

    /** @return the key that stopped the information, if the caller pressed one */
    Optional<Character> tell(Line line) {
        Helpdesk helpdesk = line.helpdesk();
        List<Supplier<Optional<Character>>> parts = new ArrayList<>();
        parts.add(() -> prompts.play(Prompts.HELPDESK_INTRO, interruptKeys));
        String phoneDigits = digits(helpdesk.phone());
        if (!phoneDigits.isEmpty()) {
            parts.add(() -> prompts.play(Prompts.HELPDESK_CALL, interruptKeys));
            parts.add(() -> prompts.sayDigits("helpdesk-phone", phoneDigits, interruptKeys));
        }
        if (present(helpdesk.email())) {
            parts.add(() -> prompts.play(Prompts.HELPDESK_EMAIL, interruptKeys));
            parts.add(() -> renderedOrSpelled(Prompts.forLine(line.id(), "email"), "helpdesk-email",
                    helpdesk.email()));
        }
        if (present(helpdesk.portal())) {
            parts.add(() -> prompts.play(Prompts.HELPDESK_PORTAL, interruptKeys));
            parts.add(() -> renderedOrSpelled(Prompts.forLine(line.id(), "portal"), "helpdesk-portal",
                    withoutScheme(helpdesk.portal())));
        }
        addHours(line, parts);
        for (Supplier<Optional<Character>> part : parts) {
            Optional<Character> key = part.get();
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    /** The line's own prompt for an address when one was rendered (a few words), else the address letter by letter. */
    private Optional<Character> renderedOrSpelled(String prompt, String what, String text) {
        return prompts.playIfPresent(prompt, interruptKeys).orElseGet(() -> prompts.spell(what, text, interruptKeys));
    }

    /** The usual weekday hours; lines open on other patterns hear their first opening period. */
    private void addHours(Line line, List<Supplier<Optional<Character>>> parts) {
        List<OpeningPeriod> hours = line.weeklyHours();
        if (hours.isEmpty()) {
            return;
        }
        OpeningPeriod usual = hours.get(0);
        boolean sameEveryWeekday = WEEKDAYS.stream().allMatch(day -> hours.stream()
                .anyMatch(p -> p.day() == day && p.opens().equals(usual.opens()) && p.closes().equals(usual.closes())));
        parts.add(() -> prompts.play(Prompts.ANSWERED_DURING_HOURS, interruptKeys));
        addTime(usual.opens(), parts);
        parts.add(() -> prompts.play(Prompts.TO, interruptKeys));
        addTime(usual.closes(), parts);
        String zone = ZONE_PROMPTS.get(zoneName(line.zone()));
        if (zone != null) {
            parts.add(() -> prompts.play(zone, interruptKeys));
        }
        if (sameEveryWeekday) {
            parts.add(() -> prompts.play(Prompts.MONDAY_TO_FRIDAY, interruptKeys));
        }
    }

    private void addTime(LocalTime time, List<Supplier<Optional<Character>>> parts) {
        int hour12 = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        parts.add(() -> prompts.sayNumber(hour12, interruptKeys));
        if (time.getMinute() != 0) {
            parts.add(() -> prompts.sayNumber(time.getMinute(), interruptKeys));
        }
        parts.add(() -> prompts.play(time.getHour() < 12 ? Prompts.A_M : Prompts.P_M, interruptKeys));
    }

    private static String zoneName(ZoneId zone) {
        return zone.getId();
    }

    /** A dial string's digits: "+1 (913) 322-4666" says 19133224666. */
    static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("[^0-9]", "");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String withoutScheme(String url) {
        return url.replaceFirst("^[a-zA-Z]+://", "").replaceFirst("/$", "");
    }
}
