package org.afterhours.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.afterhours.calllog.CallSummary;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.PayWeek;

/**
 * The weekly pay form: everyone's (managers) or one's own (technicians), printable and as CSV. A technician asking
 * for someone else's form gets 403.
 */
final class PayFormPages {
    private final Pages pages;

    PayFormPages(Pages pages) {
        this.pages = pages;
    }

    void routes(Router router) {
        pages.get(router, "/pay", this::overview);
        pages.get(router, "/pay/:person", this::form);
    }

    /** The line and week a request names (or the first line and the week just ended); empty: 400 sent. */
    private record Request(Line line, PayWeek.Week week, List<PayForm.Row> rows) {
    }

    private Optional<Request> request(RoutingContext ctx) {
        List<Line> lines = pages.console().ruleBook().lines();
        String lineId = Pages.param(ctx, "line");
        Optional<Line> line = lineId == null ? lines.stream().findFirst()
                : pages.console().ruleBook().lineById(lineId);
        if (line.isEmpty()) {
            Pages.plain(ctx, 400, "No such line.");
            return Optional.empty();
        }
        PayWeek.Week week;
        try {
            String monday = Pages.param(ctx, "week");
            week = monday == null ? PayWeek.Week.lastEndedBy(pages.console().clock().instant(), line.get().zone())
                    : PayWeek.Week.starting(LocalDate.parse(monday), line.get().zone());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            Pages.plain(ctx, 400, "The week is named by its Monday, YYYY-MM-DD.");
            return Optional.empty();
        }
        List<CallSummary> calls = pages.console().calls().startedBetween(week.from(), week.until());
        List<PayForm.Row> rows = PayForm.of(pages.console().ruleBook(), line.get(), week, calls,
                pages.console().calls().attemptsBetween(week.from(), week.until()));
        return Optional.of(new Request(line.get(), week, rows));
    }

    private void overview(RoutingContext ctx) {
        ConsoleUser user = Pages.user(ctx);
        Optional<Request> request = request(ctx);
        if (request.isEmpty()) {
            return;
        }
        Map<String, Object> model = common(request.get());
        model.put("rows", request.get().rows().stream().filter(r -> user.maySeePayFormOf(r.personId()))
                .map(this::row).toList());
        pages.render(ctx, "pay.ftlh", model);
    }

    private void form(RoutingContext ctx) {
        ConsoleUser user = Pages.user(ctx);
        String person = ctx.pathParam("person");
        boolean csv = person.endsWith(".csv");
        String personId = csv ? person.substring(0, person.length() - 4) : person;
        if (!user.maySeePayFormOf(personId)) {
            org.slf4j.LoggerFactory.getLogger(PayFormPages.class).warn(
                    "console: {} asked for the pay form of another person", user.personId());
            Pages.forbidden(ctx, "a technician sees only their own pay form");
            return;
        }
        Optional<Request> request = request(ctx);
        if (request.isEmpty()) {
            return;
        }
        PayForm.Row row = request.get().rows().stream().filter(r -> r.personId().equals(personId)).findFirst()
                .orElse(new PayForm.Row(personId, pages.console().ruleBook().person(personId)
                        .map(p -> p.name()).orElse(personId), java.time.Duration.ZERO, java.time.Duration.ZERO,
                        List.of(), List.of(), List.of()));
        if (csv) {
            csv(ctx, request.get(), row);
            return;
        }
        Map<String, Object> model = common(request.get());
        model.put("row", row(row));
        pages.render(ctx, "payform.ftlh", model);
    }

    private void csv(RoutingContext ctx, Request request, PayForm.Row row) {
        if (row.blocked()) {
            Pages.plain(ctx, 409, "The pay form of " + row.name() + " cannot be handed in: complete these entries "
                    + "first: " + String.join(", ", row.incomplete()));
            return;
        }
        Csv csv = new Csv().row(List.of("week from", "week until", "line", "person", "name", "primary hours",
                "secondary hours", "calls taken", "calls escalated to them", "references taken",
                "references escalated"));
        csv.row(List.of(pages.formats().dateTime(request.week().from(), request.line().zone()),
                pages.formats().dateTime(request.week().until(), request.line().zone()), request.line().id(),
                row.personId(), row.name(), Formats.hours(row.primary()), Formats.hours(row.secondary()),
                row.taken().size(), row.escalatedToThem().size(), String.join(" ", row.taken()),
                String.join(" ", row.escalatedToThem())));
        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"pay-" + row.personId() + "-"
                        + request.week().monday() + ".csv\"")
                .putHeader("Cache-Control", "no-store").end(csv.toString());
    }

    private Map<String, Object> common(Request request) {
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "pay");
        model.put("line", Map.of("id", request.line().id(), "name", request.line().name()));
        model.put("lines", pages.console().ruleBook().lines().stream().map(l -> Map.of("id", l.id(), "name",
                l.name())).toList());
        model.put("week", request.week().monday().toString());
        model.put("previousWeek", request.week().monday().minusWeeks(1).toString());
        model.put("nextWeek", request.week().monday().plusWeeks(1).toString());
        model.put("from", pages.formats().dateTime(request.week().from(), request.line().zone()));
        model.put("until", pages.formats().dateTime(request.week().until(), request.line().zone()));
        model.put("zone", request.line().zone().getId());
        return model;
    }

    private Map<String, Object> row(PayForm.Row r) {
        Map<String, Object> m = new HashMap<>();
        m.put("personId", r.personId());
        m.put("name", r.name());
        m.put("primary", Formats.hours(r.primary()));
        m.put("secondary", Formats.hours(r.secondary()));
        m.put("total", Formats.hours(r.primary().plus(r.secondary())));
        m.put("taken", r.taken());
        m.put("escalated", r.escalatedToThem());
        m.put("incomplete", new ArrayList<>(r.incomplete()));
        m.put("blocked", r.blocked());
        return m;
    }
}
