package org.afterhours.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.afterhours.calllog.CallSummary;
import org.afterhours.calllog.MessageResponse;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.PayWeek;

/** Reports: calls per night, time to accept, messages answered within the hour, drawn as server-side SVG. */
final class ReportPages {
    static final int NIGHTS = 14;
    static final int WEEKS = 8;
    static final int CHART_WIDTH = 700;
    static final int CHART_HEIGHT = 160;

    private final Pages pages;

    ReportPages(Pages pages) {
        this.pages = pages;
    }

    void routes(Router router) {
        pages.get(router, "/reports", this::reports);
    }

    /** A bar of a chart, in the chart's own coordinates. */
    public record Column(double x, double y, double width, double height, String label, String value,
            String kind) {
    }

    private void reports(RoutingContext ctx) {
        Optional<Line> line = Optional.ofNullable(Pages.param(ctx, "line"))
                .flatMap(pages.console().ruleBook()::lineById)
                .or(() -> pages.console().ruleBook().lines().stream().findFirst());
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "reports");
        if (line.isEmpty()) {
            model.put("line", "");
            pages.render(ctx, "reports.ftlh", model);
            return;
        }
        ZoneId zone = line.get().zone();
        Instant now = pages.console().clock().instant();
        PayWeek.Week last = PayWeek.Week.lastEndedBy(now, zone);
        PayWeek.Week first = PayWeek.Week.starting(last.monday().minusWeeks(WEEKS - 1), zone);
        LocalDate firstEvening = now.atZone(zone).minusHours(PayWeek.PAY_WEEK_START.getHour()).toLocalDate()
                .minusDays(NIGHTS - 1);
        Instant from = first.from().isBefore(firstEvening.atStartOfDay(zone).toInstant()) ? first.from()
                : firstEvening.atStartOfDay(zone).toInstant();
        List<CallSummary> calls = pages.console().calls().startedBetween(from, now.plusMillis(1)).stream()
                .filter(c -> line.get().id().equals(c.lineId())).toList();
        // In time is the after-the-call clock's rule (its configured deadline, counted from the message being kept).
        Set<String> answeredInTime = pages.console().followUps().map(f -> pages.console().calls()
                .messagesRespondedBetween(from, now.plusMillis(1)).stream().filter(f::answeredInTime)
                .map(MessageResponse::reference).collect(Collectors.toSet()))
                .orElse(Set.of());

        List<Reports.Night> nights = Reports.nights(calls, zone, firstEvening, NIGHTS);
        List<Reports.Week> weeks = new ArrayList<>();
        for (int w = 0; w < WEEKS; w++) {
            weeks.add(Reports.week(PayWeek.Week.starting(first.monday().plusWeeks(w), zone), calls, answeredInTime));
        }
        model.put("line", line.get().name());
        model.put("width", CHART_WIDTH);
        model.put("height", CHART_HEIGHT);
        model.put("nights", bars(nights.stream().map(n -> (double) n.calls()).toList(),
                nights.stream().map(n -> n.evening().getMonthValue() + "/" + n.evening().getDayOfMonth()).toList(),
                nights.stream().map(n -> Integer.toString(n.calls())).toList(), "", 0));
        List<String> weekLabels = weeks.stream().map(w -> w.monday().getMonthValue() + "/"
                + w.monday().getDayOfMonth()).toList();
        double slowest = weeks.stream().map(Reports.Week::p90ToAccept).filter(d -> d != null)
                .mapToDouble(d -> d.toMillis() / 1000.0).max().orElse(1);
        List<Column> accept = new ArrayList<>(bars(seconds(weeks, true), weekLabels, text(weeks, true), "", slowest));
        accept.addAll(bars(seconds(weeks, false), weekLabels, text(weeks, false), "second", slowest));
        model.put("accept", shiftHalf(accept, weeks.size()));
        model.put("messages", bars(weeks.stream().map(w -> w.messagesAnsweredPercent() == null ? 0.0
                        : w.messagesAnsweredPercent().doubleValue()).toList(), weekLabels,
                weeks.stream().map(w -> w.messagesAnsweredPercent() == null ? "no messages"
                        : w.messagesAnsweredPercent() + "% of " + w.messages()).toList(), "", 100));
        model.put("weeks", weeks.stream().map(w -> Map.of("monday", w.monday().toString(),
                "emergencies", w.emergencies(), "median", Formats.duration(w.medianToAccept()),
                "p90", Formats.duration(w.p90ToAccept()), "messages", w.messages(),
                "inTime", w.messagesAnsweredPercent() == null ? "" : w.messagesAnsweredPercent() + "%")).toList());
        pages.render(ctx, "reports.ftlh", model);
    }

    private static List<Double> seconds(List<Reports.Week> weeks, boolean median) {
        return weeks.stream().map(w -> median ? w.medianToAccept() : w.p90ToAccept())
                .map(d -> d == null ? 0.0 : d.toMillis() / 1000.0).toList();
    }

    private static List<String> text(List<Reports.Week> weeks, boolean median) {
        return weeks.stream().map(w -> (median ? "median " : "90th percentile ")
                + (median ? Formats.duration(w.medianToAccept()) : Formats.duration(w.p90ToAccept()))).toList();
    }

    /** Bars scaled to the chart; {@code top} 0 scales to the largest value. */
    static List<Column> bars(List<Double> values, List<String> labels, List<String> texts, String kind,
            double top) {
        double max = top > 0 ? top : Math.max(1, values.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        double slot = (double) CHART_WIDTH / Math.max(1, values.size());
        double plot = CHART_HEIGHT - 30;
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double h = plot * values.get(i) / max;
            columns.add(new Column(i * slot + slot * 0.15, 10 + plot - h, slot * 0.7, h, labels.get(i), texts.get(i),
                    kind));
        }
        return columns;
    }

    /** Medians and 90th percentiles side by side in each week's slot. */
    private static List<Column> shiftHalf(List<Column> columns, int perSeries) {
        List<Column> shifted = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            double half = c.width() / 2;
            shifted.add(new Column(i < perSeries ? c.x() : c.x() + half, c.y(), half, c.height(), c.label(),
                    c.value(), c.kind()));
        }
        return shifted;
    }

}
