package org.afterhours.callflow;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.afterhours.oncall.Helpdesk;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OpeningPeriod;

/**
 * Tells a non-emergency caller how to open a request (procedure step 4): the main support number, the email
 * address and the web portal of the line they called, and that requests are answered in business hours, e.g.
 * "from 8 A M to 5 P M Central time, Monday to Friday". Numbers go through Asterisk's SAY commands; addresses are
 * played from prompts rendered for the line when they exist, and spelled otherwise.
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

    HelpdeskInfo(CallerPrompts prompts) {
        this.prompts = prompts;
    }

    void tell(Line line) {
        Helpdesk helpdesk = line.helpdesk();
        prompts.play(Prompts.HELPDESK_INTRO);
        String phoneDigits = digits(helpdesk.phone());
        if (!phoneDigits.isEmpty()) {
            prompts.play(Prompts.HELPDESK_CALL);
            prompts.sayDigits("helpdesk-phone", phoneDigits);
        }
        if (present(helpdesk.email())) {
            prompts.play(Prompts.HELPDESK_EMAIL);
            if (!prompts.playIfPresent(Prompts.forLine(line.id(), "email"))) {
                prompts.spell("helpdesk-email", helpdesk.email());
            }
        }
        if (present(helpdesk.portal())) {
            prompts.play(Prompts.HELPDESK_PORTAL);
            if (!prompts.playIfPresent(Prompts.forLine(line.id(), "portal"))) {
                prompts.spell("helpdesk-portal", withoutScheme(helpdesk.portal()));
            }
        }
        tellHours(line);
    }

    /** Says the usual weekday hours; lines open on other patterns hear their first opening period. */
    private void tellHours(Line line) {
        List<OpeningPeriod> hours = line.weeklyHours();
        if (hours.isEmpty()) {
            return;
        }
        OpeningPeriod usual = hours.get(0);
        boolean sameEveryWeekday = WEEKDAYS.stream().allMatch(day -> hours.stream()
                .anyMatch(p -> p.day() == day && p.opens().equals(usual.opens()) && p.closes().equals(usual.closes())));
        prompts.play(Prompts.ANSWERED_DURING_HOURS);
        sayTime(usual.opens());
        prompts.play(Prompts.TO);
        sayTime(usual.closes());
        String zone = ZONE_PROMPTS.get(zoneName(line.zone()));
        if (zone != null) {
            prompts.play(zone);
        }
        if (sameEveryWeekday) {
            prompts.play(Prompts.MONDAY_TO_FRIDAY);
        }
    }

    private void sayTime(LocalTime time) {
        int hour12 = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        prompts.sayNumber(hour12);
        if (time.getMinute() != 0) {
            prompts.sayNumber(time.getMinute());
        }
        prompts.play(time.getHour() < 12 ? Prompts.A_M : Prompts.P_M);
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
