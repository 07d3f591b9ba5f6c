package org.afterhours.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The technicians' web console on Vert.x Web (netty underneath): sessions, CSRF tokens on every form, static
 * files, and the pages. Pages that read the database run on Vert.x's worker pool, never on its event loop.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    /** Form posts are small; a larger body is refused before it is read whole. */
    private static final long MOST_BODY_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final HttpServer server;
    private final ConsoleSettings settings;

    private ConsoleServer(Vertx vertx, HttpServer server, ConsoleSettings settings) {
        this.vertx = vertx;
        this.server = server;
        this.settings = settings;
    }

    public static ConsoleServer start(ConsoleSettings settings, Console console) {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = router(vertx, settings, console);
            HttpServerOptions options = new HttpServerOptions().setHost(settings.bindAddress())
                    .setPort(settings.port()).setCompressionSupported(true);
            if (settings.https()) {
                options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(settings.certificate().toString()).setKeyPath(settings.privateKey().toString()));
            }
            HttpServer server = vertx.createHttpServer(options).requestHandler(router).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            ConsoleServer started = new ConsoleServer(vertx, server, settings);
            log.info("console listening at {}", started.address());
            return started;
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("the console cannot listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting the console", e);
        }
    }

    private static Router router(Vertx vertx, ConsoleSettings settings, Console console) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("Referrer-Policy", "same-origin")
                    .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:;"
                            + " style-src 'self'; script-src 'self'; media-src 'self'; frame-ancestors 'none'");
            if (settings.https()) {
                ctx.response().putHeader("Strict-Transport-Security", "max-age=31536000");
            }
            ctx.next();
        });
        router.route("/static/*").handler(StaticHandler.create("console/static").setCachingEnabled(true)
                .setDirectoryListing(false));
        router.route().handler(BodyHandler.create().setBodyLimit(MOST_BODY_BYTES).setHandleFileUploads(false));
        router.route().handler(SessionHandler.create(LocalSessionStore.create(vertx))
                .setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT)
                .setCookieSecureFlag(settings.https())
                .setSessionCookieName("afterhours.session")
                .setSessionTimeout(settings.sessionTimeout().toMillis())
                .setNagHttps(false));
        Pages pages = new Pages(new Views(), console, settings);
        // Server-sent events are read-only and long-lived: no CSRF token is issued or checked for them.
        pages.liveRoutes(router);
        router.route().handler(CSRFHandler.create(vertx, randomSecret())
                .setCookieHttpOnly(true)
                .setCookieSecure(settings.https())
                .setTimeout(settings.sessionTimeout().toMillis())
                .setNagHttps(false));
        pages.routes(router);
        // Messages, with range requests: /recordings/<n>/... is the n-th recordings folder.
        for (int n = 0; n < settings.recordingDirectories().size(); n++) {
            router.route("/recordings/" + n + "/*").handler(pages::requireUser).handler(StaticHandler
                    .create(FileSystemAccess.ROOT, settings.recordingDirectories().get(n).toAbsolutePath().toString())
                    .setDirectoryListing(false).setEnableRangeSupport(true).setCachingEnabled(false)
                    .setIncludeHidden(false));
        }
        return router;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public int port() {
        return server.actualPort();
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8080/}. */
    public String address() {
        String host = settings.bindAddress().contains(":") ? "[" + settings.bindAddress() + "]"
                : settings.bindAddress();
        return (settings.https() ? "https" : "http") + "://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("console did not stop cleanly: {}", e.getMessage());
        }
    }
}
