package org.afterhours.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log in with a person id and the password set by {@code ./afterhours password}; log out. */
final class LoginPages {
    private static final Logger log = LoggerFactory.getLogger(LoginPages.class);
    private static final int LONGEST_ID = 64;

    private final Pages pages;
    private final LoginThrottle throttle;
    private final PasswordHashing hashing = new PasswordHashing();

    LoginPages(Pages pages) {
        this.pages = pages;
        this.throttle = new LoginThrottle(pages.console().clock());
    }

    void routes(Router router) {
        router.get("/login").handler(ctx -> pages.render(ctx, "login.ftlh", Map.of("error", "")));
        router.post("/login").blockingHandler(this::logIn, false);
        router.post("/logout").handler(ctx -> {
            if (ctx.session() != null) {
                ctx.session().destroy();
            }
            Pages.redirect(ctx, "/login");
        });
    }

    private void logIn(RoutingContext ctx) {
        String personId = Pages.param(ctx, "person");
        String password = ctx.request().getFormAttribute("password");
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        personId = personId == null ? "" : personId.substring(0, Math.min(personId.length(), LONGEST_ID));
        Duration delay = throttle.delayFor(personId, address);
        boolean ok = password != null && pages.userFor(personId).isPresent()
                && hashing.matches(password, pages.console().passwords().hash(personId).orElse(null));
        if (ok) {
            throttle.succeeded(personId, address);
            pages.logIn(ctx, personId);
            log.info("console: {} logged in from {}", personId, address);
            Pages.redirect(ctx, "/");
            return;
        }
        throttle.failed(personId, address);
        // The id is the visitor's text: logged quoted, with anything but id characters replaced.
        log.warn("console: failed login for '{}' from {} (answer held back {} ms)",
                personId.replaceAll("[^A-Za-z0-9._-]", "?"), address, delay.toMillis());
        Runnable answer = () -> {
            ctx.response().setStatusCode(401);
            pages.render(ctx, "login.ftlh", Map.of("error", "Unknown person or wrong password."));
        };
        if (delay.isZero()) {
            answer.run();
        } else {
            ctx.vertx().setTimer(delay.toMillis(), id -> answer.run());
        }
    }
}
