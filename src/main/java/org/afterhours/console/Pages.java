package org.afterhours.console;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.afterhours.oncall.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing, who is logged in, and rendering: what every page shares. The pages themselves live in one class per
 * area (call log, pay form, on call, tonight, reports).
 */
final class Pages {
    private static final Logger log = LoggerFactory.getLogger(Pages.class);
    static final String CSRF_FIELD = "X-XSRF-TOKEN";
    private static final String SESSION_PERSON = "person";
    private static final String SESSION_FLASH = "flash";

    private final Views views;
    private final Console console;
    private final ConsoleSettings settings;
    private final Formats formats;

    Pages(Views views, Console console, ConsoleSettings settings) {
        this.views = views;
        this.console = console;
        this.settings = settings;
        this.formats = new Formats(console.ruleBook());
    }

    Console console() {
        return console;
    }

    ConsoleSettings settings() {
        return settings;
    }

    Formats formats() {
        return formats;
    }

    void liveRoutes(Router router) {
        new TonightPages(this).liveRoutes(router);
    }

    void routes(Router router) {
        router.errorHandler(403, ctx -> plain(ctx, 403, "Forbidden: " + reason(ctx, "you may not do that")));
        router.errorHandler(404, ctx -> plain(ctx, 404, "Not found"));
        router.errorHandler(500, ctx -> {
            log.error("console page {} failed", ctx.request().path(), ctx.failure());
            plain(ctx, 500, "Something went wrong; the server log says what.");
        });
        new LoginPages(this).routes(router);
        new AcknowledgePages(this, console.acknowledgements()).routes(router);
        router.get("/").handler(this::requireUser).handler(ctx -> redirect(ctx, "/tonight"));
        new CallLogPages(this).routes(router);
        new FollowUpPages(this).routes(router);
        new PayFormPages(this).routes(router);
        new OnCallPages(this).routes(router);
        new TonightPages(this).routes(router);
        new ReportPages(this).routes(router);
    }

    /** GET {@code path} for logged-in people, run on the worker pool (pages read the database). */
    void get(Router router, String path, Handler<RoutingContext> page) {
        router.get(path).handler(this::requireUser).blockingHandler(page, false);
    }

    void post(Router router, String path, Handler<RoutingContext> action) {
        router.post(path).handler(this::requireUser).blockingHandler(action, false);
    }

    /** Managers only: anyone else gets 403 (and the attempt is logged). */
    void managerGet(Router router, String path, Handler<RoutingContext> page) {
        router.get(path).handler(this::requireUser).handler(this::requireManager).blockingHandler(page, false);
    }

    void managerPost(Router router, String path, Handler<RoutingContext> action) {
        router.post(path).handler(this::requireUser).handler(this::requireManager).blockingHandler(action, false);
    }

    void requireUser(RoutingContext ctx) {
        Optional<ConsoleUser> user = Optional.ofNullable(ctx.session())
                .map(s -> (String) s.get(SESSION_PERSON))
                .flatMap(this::userFor);
        if (user.isEmpty()) {
            if (ctx.request().method().name().equals("GET")) {
                redirect(ctx, "/login");
            } else {
                plain(ctx, 401, "Log in first.");
            }
            return;
        }
        ctx.put("user", user.get());
        ctx.next();
    }

    private void requireManager(RoutingContext ctx) {
        ConsoleUser user = user(ctx);
        if (!user.manager()) {
            log.warn("console: {} asked for the manager page {}", user.personId(), ctx.request().path());
            forbidden(ctx, "managers only");
            return;
        }
        ctx.next();
    }

    /** The logged-in person, as the rule book knows them now (an inactive person cannot log in). */
    Optional<ConsoleUser> userFor(String personId) {
        return console.ruleBook().person(personId).filter(Person::active).map(p -> new ConsoleUser(p.id(), p.name(),
                p.roles().stream().anyMatch(settings.managerRoles()::contains)));
    }

    static ConsoleUser user(RoutingContext ctx) {
        return ctx.get("user");
    }

    void logIn(RoutingContext ctx, String personId) {
        ctx.session().regenerateId();
        ctx.session().put(SESSION_PERSON, personId);
    }

    void render(RoutingContext ctx, String template, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        ConsoleUser user = ctx.get("user");
        all.put("user", user == null ? null : Map.of("id", user.personId(), "name", user.name(),
                "manager", user.manager()));
        all.put("csrf", Optional.ofNullable((String) ctx.get(CSRF_FIELD)).orElse(""));
        all.put("csrfField", CSRF_FIELD);
        Session session = ctx.session();
        all.put("flash", session == null ? "" : Optional.ofNullable((String) session.remove(SESSION_FLASH))
                .orElse(""));
        all.put("now", formats.dateTime(console.clock().instant(), formats.defaultZone()));
        all.putIfAbsent("nav", "");
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(views.render(template, all));
    }

    /** A part of a page (the live part of Tonight), escaped like every page. */
    String renderFragment(String template, Map<String, Object> model) {
        return views.render(template, model);
    }

    /** Post, then redirect, then get: the message shows once on the page the browser lands on. */
    static void flashAndRedirect(RoutingContext ctx, String message, String location) {
        ctx.session().put(SESSION_FLASH, message);
        redirect(ctx, location);
    }

    static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).end();
    }

    static void forbidden(RoutingContext ctx, String why) {
        ctx.put("reason", why);
        ctx.fail(403);
    }

    static void plain(RoutingContext ctx, int status, String text) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(text);
    }

    private static String reason(RoutingContext ctx, String fallback) {
        Object reason = ctx.get("reason");
        if (reason != null) {
            return reason.toString();
        }
        return ctx.failure() == null ? fallback : "the form's security token is missing or stale; reload the page";
    }

    /** A form or query value, trimmed; null when absent or blank. */
    static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
