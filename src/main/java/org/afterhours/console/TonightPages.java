package org.afterhours.console;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.afterhours.calllog.CallAttempt;
import org.afterhours.calllog.CallSummary;
import org.afterhours.followup.WaitingMessage;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;

/**
 * Tonight: the calls of the current after-hours period as they happen (who is being rung right now), and the
 * messages waiting with their one-hour clocks. The live part is pushed as server-sent events: the same escaped
 * HTML the page shows, sent again whenever it changes.
 */
final class TonightPages {
    private final Pages pages;

    TonightPages(Pages pages) {
        this.pages = pages;
    }

    void routes(Router router) {
        pages.get(router, "/tonight", this::page);
    }

    /** Registered before the CSRF handler: an event stream is read-only and must not re-issue form tokens. */
    void liveRoutes(Router router) {
        router.get("/tonight/events").handler(pages::requireUser).handler(this::events);
    }

    private void page(RoutingContext ctx) {
        Optional<Instant> at = at(ctx);
        if (at.isEmpty()) {
            return;
        }
        Map<String, Object> live = live(at.get());
        Map<String, Object> model = new HashMap<>(live);
        model.put("nav", "tonight");
        // The stream skips its first update when the page already shows it (same version).
        String query = ctx.request().query() == null ? "" : ctx.request().query().replaceAll("(^|&)v=[^&]*", "");
        model.put("events", "/tonight/events?" + (query.isEmpty() ? "" : query + "&") + "v="
                + version(pages.renderFragment("tonight-live.ftlh", live)));
        pages.render(ctx, "tonight.ftlh", model);
    }

    /** The moment shown: now, or {@code ?at=} (an ISO instant) to look back at a past night as it stood. */
    private Optional<Instant> at(RoutingContext ctx) {
        String at = Pages.param(ctx, "at");
        try {
            return Optional.of(at == null ? pages.console().clock().instant() : Instant.parse(at));
        } catch (DateTimeParseException e) {
            Pages.plain(ctx, 400, "at is an instant such as 2031-01-07T08:20:00Z");
            return Optional.empty();
        }
    }

    private void events(RoutingContext ctx) {
        Optional<Instant> fixedAt = Optional.ofNullable(Pages.param(ctx, "at")).flatMap(text -> {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
        HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        response.write(": live updates of tonight's calls\n\n");
        String shown = Optional.ofNullable(Pages.param(ctx, "v")).orElse("");
        AtomicReference<String> last = new AtomicReference<>("");
        var vertx = ctx.vertx();
        long timer = vertx.setPeriodic(0, pages.settings().liveRefresh().toMillis(), id ->
                vertx.executeBlocking(() -> pages.renderFragment("tonight-live.ftlh",
                        live(fixedAt.orElseGet(() -> pages.console().clock().instant()))), false)
                        .onSuccess(html -> {
                            boolean alreadyShown = last.get().isEmpty() && version(html).equals(shown);
                            if (!html.equals(last.get()) && !response.closed()) {
                                last.set(html);
                                if (!alreadyShown) {
                                    response.write(event("live", html));
                                }
                            }
                        }));
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    private static String version(String html) {
        return Integer.toHexString(html.hashCode());
    }

    /** One server-sent event; every line of the data gets its own {@code data:} prefix. */
    static String event(String name, String data) {
        StringBuilder out = new StringBuilder("event: ").append(name).append('\n');
        for (String line : data.split("\n", -1)) {
            out.append("data: ").append(line.replace("\r", "")).append('\n');
        }
        return out.append('\n').toString();
    }

    /** Everything the live part shows at {@code at}, across lines. */
    private Map<String, Object> live(Instant at) {
        List<Map<String, Object>> lines = new ArrayList<>();
        List<Map<String, Object>> calls = new ArrayList<>();
        List<Map<String, Object>> messages = new ArrayList<>();
        Instant earliest = at;
        for (Line line : pages.console().ruleBook().lines()) {
            AfterHoursPeriod period = AfterHoursPeriod.containing(pages.console().ruleBook(), line.id(), at);
            earliest = period.from().isBefore(earliest) ? period.from() : earliest;
            lines.add(Map.of("name", line.name(), "from", pages.formats().dateTime(period.from(), line.zone()),
                    "until", period.current() ? "now" : pages.formats().dateTime(period.until(), line.zone()),
                    "current", period.current(),
                    "primary", pages.console().ruleBook().onCall(line.id(), Position.PRIMARY, at).map(Person::name)
                            .orElse("nobody"),
                    "secondary", pages.console().ruleBook().onCall(line.id(), Position.SECONDARY, at)
                            .map(Person::name).orElse("nobody")));
        }
        Instant until = at.plusMillis(1);
        List<CallSummary> started = pages.console().calls().startedBetween(earliest, until);
        List<CallAttempt> attempts = pages.console().calls().attemptsBetween(earliest, until);
        for (CallSummary c : started.reversed()) {
            ZoneId zone = pages.formats().zone(c.lineId());
            boolean live = c.endedAt() == null || c.endedAt().isAfter(at);
            List<String> ringing = attempts.stream().filter(a -> a.reference().equals(c.reference())
                    && !a.startedAt().isAfter(at) && (a.endedAt() == null || a.endedAt().isAfter(at)))
                    .map(a -> (a.personName() == null ? a.personId() : a.personName())
                            + (a.contactLabel() == null ? "" : " (" + a.contactLabel() + ")")
                            + (a.answeredAt() != null && !a.answeredAt().isAfter(at) ? " answered" : " ringing"))
                    .toList();
            calls.add(Map.of("reference", c.reference(), "time", pages.formats().time(c.startedAt(), zone),
                    "callerName", CallLogPages.nz(c.callerName()), "callerNumber", CallLogPages.nz(c.callerNumber()),
                    "triage", Labels.triage(c.triage()), "live", live, "ringing", ringing,
                    "outcome", live ? "In progress" : Labels.outcome(c.outcome()),
                    "acceptedBy", CallLogPages.nz(c.acceptedBy())));
        }
        // Every message still owed a call back (acknowledged and overdue ones too), on followup's own clock.
        for (WaitingMessage waiting : pages.console().followUps().map(f -> f.waitingMessages(at)).orElse(List.of())) {
            Duration left = waiting.left(at);
            messages.add(Map.of("reference", waiting.call().reference().digits(),
                    "callerName", waiting.call().callerName(), "callerNumber", waiting.call().callerNumber(),
                    "status", waiting.status().name(),
                    "left", left.isNegative() ? "overdue by " + Formats.duration(left.negated())
                            : Formats.duration(left) + " left",
                    "overdue", waiting.overdue(at)));
        }
        return Map.of("lines", lines, "calls", calls, "messages", messages,
                "at", pages.formats().dateTime(at, pages.formats().defaultZone()));
    }
}
