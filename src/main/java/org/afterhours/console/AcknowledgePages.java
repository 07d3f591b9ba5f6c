package org.afterhours.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a notice's "I am handling it" link lands. The signed token is the credential, so no login is asked of a
 * technician on a phone at 3 a.m.; the link only shows a button, and the acknowledgement is its POST (with the
 * console's CSRF token): a mail scanner that opens every link acknowledges nothing.
 */
final class AcknowledgePages {
    private static final Logger log = LoggerFactory.getLogger(AcknowledgePages.class);
    /** Tokens are short; anything longer is not one of ours and is not even looked at. */
    private static final int LONGEST_TOKEN = 512;

    private final Pages pages;
    private final MessageAcknowledgements acknowledgements;

    AcknowledgePages(Pages pages, MessageAcknowledgements acknowledgements) {
        this.pages = pages;
        this.acknowledgements = acknowledgements;
    }

    void routes(Router router) {
        router.get("/acknowledge").handler(ctx -> pages.render(ctx, "acknowledge.ftlh",
                Map.of("token", token(ctx), "done", false, "reference", "", "refused", false)));
        router.post("/acknowledge").blockingHandler(this::acknowledge, false);
    }

    private void acknowledge(RoutingContext ctx) {
        String token = token(ctx);
        Optional<String> reference = token.isEmpty() ? Optional.empty() : acknowledgements.acknowledge(token);
        if (reference.isEmpty()) {
            log.warn("console: an acknowledge link was refused (invalid or expired) from {}",
                    ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress());
        }
        ctx.response().setStatusCode(reference.isPresent() ? 200 : 400);
        pages.render(ctx, "acknowledge.ftlh", Map.of("token", token, "done", reference.isPresent(),
                "reference", reference.orElse(""), "refused", reference.isEmpty()));
    }

    private static String token(RoutingContext ctx) {
        String token = Pages.param(ctx, "token");
        return token == null || token.length() > LONGEST_TOKEN ? "" : token;
    }
}
