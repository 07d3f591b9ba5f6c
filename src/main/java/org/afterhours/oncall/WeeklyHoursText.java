package org.afterhours.oncall;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours as people write them: {@code Mon-Fri 08:00-17:00}, {@code Sat,Sun 10:00-14:00},
 * {@code Mon-Wed,Fri 08:00-00:00} (00:00 closing is midnight).
 */
final class WeeklyHoursText {
    private static final Pattern ENTRY = Pattern.compile("\\s*([A-Za-z,\\- ]+?)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");

    private WeeklyHoursText() {
    }

    /** The periods one entry names, one per day. @throws IllegalArgumentException saying what is wrong */
    static List<OpeningPeriod> parse(String text) {
        Matcher m = ENTRY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not like 'Mon-Fri 08:00-17:00'");
        }
        LocalTime opens = time(m.group(2), text);
        LocalTime closes = time(m.group(3), text);
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : days(m.group(1), text)) {
            periods.add(new OpeningPeriod(day, opens, closes));
        }
        return periods;
    }

    /** The shortest entries for {@code periods}: days with the same times grouped, runs written as ranges. */
    static List<String> format(List<OpeningPeriod> periods) {
        Map<String, TreeSet<DayOfWeek>> daysByTimes = new LinkedHashMap<>();
        for (OpeningPeriod p : periods) {
            daysByTimes.computeIfAbsent(p.opens() + "-" + p.closes(), t -> new TreeSet<>()).add(p.day());
        }
        List<String> entries = new ArrayList<>();
        daysByTimes.forEach((times, days) -> entries.add(dayList(days) + " " + times));
        return entries;
    }

    private static String dayList(TreeSet<DayOfWeek> days) {
        List<String> runs = new ArrayList<>();
        DayOfWeek runStart = null;
        DayOfWeek previous = null;
        for (DayOfWeek day : days) {
            if (previous != null && day.getValue() == previous.getValue() + 1) {
                previous = day;
                continue;
            }
            if (runStart != null) {
                runs.add(run(runStart, previous));
            }
            runStart = day;
            previous = day;
        }
        runs.add(run(runStart, previous));
        return String.join(",", runs);
    }

    private static String run(DayOfWeek from, DayOfWeek to) {
        return from == to ? shortName(from) : shortName(from) + "-" + shortName(to);
    }

    private static String shortName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static List<DayOfWeek> days(String list, String text) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : list.split(",")) {
            String[] range = item.trim().split("\\s*-\\s*");
            if (range.length == 1) {
                days.add(day(range[0], text));
            } else if (range.length == 2) {
                DayOfWeek from = day(range[0], text);
                DayOfWeek to = day(range[1], text);
                if (to.getValue() < from.getValue()) {
                    throw new IllegalArgumentException("'" + text + "': a day range runs Monday to Sunday, not "
                            + range[0] + " to " + range[1]);
                }
                for (int d = from.getValue(); d <= to.getValue(); d++) {
                    days.add(DayOfWeek.of(d));
                }
            } else {
                throw new IllegalArgumentException("'" + text + "': '" + item.trim() + "' is not a day or a day range");
            }
        }
        return days;
    }

    private static DayOfWeek day(String word, String text) {
        String w = word.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (w.length() >= 3 && day.name().startsWith(w)) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + text + "': '" + word.trim() + "' is not a day (Mon, Tue, … Sun)");
    }

    private static LocalTime time(String hhmm, String text) {
        String[] parts = hhmm.split(":");
        int hour = Integer.parseInt(parts[0]);
        int minute = Integer.parseInt(parts[1]);
        if (hour > 23 || minute > 59) {
            throw new IllegalArgumentException("'" + text + "': '" + hhmm + "' is not a time (00:00 to 23:59)");
        }
        return LocalTime.of(hour, minute);
    }
}
