package org.afterhours.console;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.afterhours.calllog.CallSummary;
import org.afterhours.oncall.PayWeek;

/**
 * The procedure's promises, measured: calls per night, time to accept (median and 90th percentile, nearest rank),
 * and the share of messages answered within the hour, per pay-form week. Pure: a function of the calls given.
 *
 * <p>A night is named by the evening it starts: a call at 02:00 on a Tuesday belongs to Monday's night (local time
 * minus the 08:00 hand-off). Only after-hours calls count.
 */
final class Reports {
    record Night(LocalDate evening, int calls) {
    }

    record Week(LocalDate monday, int emergencies, Duration medianToAccept, Duration p90ToAccept, int messages,
            int messagesAnsweredInTime) {
        /** Percent of messages answered within the hour; null when there were none. */
        Integer messagesAnsweredPercent() {
            return messages == 0 ? null : (int) Math.round(100.0 * messagesAnsweredInTime / messages);
        }
    }

    private Reports() {
    }

    static List<Night> nights(List<CallSummary> calls, ZoneId zone, LocalDate firstEvening, int count) {
        int[] perNight = new int[count];
        for (CallSummary c : calls) {
            if (c.businessHours()) {
                continue;
            }
            LocalDate evening = c.startedAt().atZone(zone).minusHours(PayWeek.PAY_WEEK_START.getHour())
                    .toLocalDate();
            long index = java.time.temporal.ChronoUnit.DAYS.between(firstEvening, evening);
            if (index >= 0 && index < count) {
                perNight[(int) index]++;
            }
        }
        List<Night> nights = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nights.add(new Night(firstEvening.plusDays(i), perNight[i]));
        }
        return nights;
    }

    /** @param answeredInTime the references of the messages whose customer was called back within their clock */
    static Week week(PayWeek.Week week, List<CallSummary> calls, Set<String> answeredInTime) {
        List<Long> toAccept = new ArrayList<>();
        int emergencies = 0;
        int messages = 0;
        int inTime = 0;
        for (CallSummary c : calls) {
            if (c.businessHours() || c.startedAt().isBefore(week.from()) || !c.startedAt().isBefore(week.until())) {
                continue;
            }
            if ("EMERGENCY".equals(c.triage())) {
                emergencies++;
                if (c.acceptedAfterMillis() != null) {
                    toAccept.add(c.acceptedAfterMillis().longValue());
                }
            }
            if (c.voicemailStatus() != null && c.endedAt() != null) {
                messages++;
                if (answeredInTime.contains(c.reference())) {
                    inTime++;
                }
            }
        }
        toAccept.sort(null);
        return new Week(week.monday(), emergencies, percentile(toAccept, 50), percentile(toAccept, 90), messages,
                inTime);
    }

    /** Nearest rank: the smallest value with at least {@code p} percent of the values at or below it. */
    static Duration percentile(List<Long> sortedMillis, int p) {
        if (sortedMillis.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMillis.size());
        return Duration.ofMillis(sortedMillis.get(Math.max(0, rank - 1)));
    }
}
