package org.afterhours.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.afterhours.retry.Backoff;

/**
 * A Slack-compatible incoming webhook ({@code {"text": ...}} by POST).
 *
 * @param url        from the environment only: whoever has it can post to the channel
 * @param timeout    for connecting and for the whole answer: a server that hangs fails that attempt
 * @param attempts   tries per notice before it is reported failed (the due item is then retried later)
 * @param firstPause pause after the first failed try, doubled after each further one
 */
public record WebhookSettings(URI url, Duration timeout, int attempts, Duration firstPause) {
    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("the webhook URL must be http(s)");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        pauses(firstPause, attempts); // a pause that is not positive is refused now, not at the first failed post
    }

    /** The pauses between tries: {@code firstPause}, doubled after each further failure. */
    public Backoff pauses() {
        return pauses(firstPause, attempts);
    }

    private static Backoff pauses(Duration firstPause, int attempts) {
        return new Backoff(firstPause, firstPause.multipliedBy(1L << Math.min(attempts, 20)));
    }

    @Override
    public String toString() {
        return "webhook at " + url.getHost() + " (path withheld: it is the secret)";
    }
}
