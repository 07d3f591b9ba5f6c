package org.afterhours.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.Recipient;
import org.afterhours.retry.Backoff;

/**
 * Posts each notice once to a team's Slack-compatible webhook, naming everyone it went to. A 5xx answer, a refused
 * connection or a server that does not answer in time is tried again after a growing pause, up to the configured
 * attempts; a 4xx is not (the URL or the payload is wrong: repeating will not help). It blocks while it tries: it
 * runs on a timer's thread, never a call's.
 */
public final class WebhookChannel implements NoticeChannel {
    /** How the channel waits between tries; tests pass one that does not wait. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final WebhookSettings settings;
    private final HttpClient http;
    private final Pause pause;

    public WebhookChannel(WebhookSettings settings) {
        this(settings, duration -> Thread.sleep(duration));
    }

    public WebhookChannel(WebhookSettings settings, Pause pause) {
        this.settings = settings;
        this.pause = pause;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String deliver(Notice notice) {
        HttpRequest request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload(notice), StandardCharsets.UTF_8)).build();
        String last = "";
        Backoff pauses = settings.pauses();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return "HTTP " + status + (attempt > 1 ? " after " + attempt + " tries" : "");
                }
                last = "HTTP " + status;
                if (status < 500 && status != 429) {
                    throw new DeliveryException("webhook answered " + last + ": not retried");
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted while posting to the webhook", e);
            }
            if (attempt < settings.attempts()) {
                try {
                    pause.sleep(pauses.afterFailures(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeliveryException("interrupted while waiting to post again", e);
                }
            }
        }
        throw new DeliveryException("webhook failed " + settings.attempts() + " times, last: " + last);
    }

    /** {@code {"text": "..."}}: the subject, the summary, who was told, and the acknowledgement is not included. */
    static String payload(Notice notice) {
        String everyone = notice.everyone().stream().map(Recipient::name).collect(Collectors.joining(", "));
        String text = "*" + slack(notice.subject()) + "*\n" + slack(notice.summary())
                + (everyone.isEmpty() ? "" : "\nTold: " + slack(everyone));
        return "{\"text\":" + json(text) + "}";
    }

    /**
     * Slack reads {@code <...>} as links and mentions ({@code <!channel>}) and {@code &} as an entity: caller-supplied
     * text gets the three escaped as Slack documents, so it stays text.
     */
    static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A JSON string literal: quotes, backslashes and every control character escaped. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
