package org.afterhours.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.afterhours.escalation.NoticeChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack-compatible webhook against a local HTTP server: success, 500s, a 4xx, and a server that hangs. */
class WebhookChannelTest {
    private HttpServer server;
    private ExecutorService handlers;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch releaseHangingServer = new CountDownLatch(1);
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/hooks/secret", exchange -> {
            int n = requests.getAndIncrement();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = n < answers.size() ? answers.get(n) : 200;
            if (status == 0) {
                try {
                    releaseHangingServer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseHangingServer.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private WebhookChannel channel(Duration timeout, int attempts) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/secret");
        return new WebhookChannel(new WebhookSettings(url, timeout, attempts, Duration.ofSeconds(1)), pauses::add);
    }

    @Test
    void a_notice_is_posted_once_as_slack_json_with_callers_text_escaped() {
        assertEquals("HTTP 200", channel(Duration.ofSeconds(10), 3).deliver(Notices.messageKept("", "link")));
        assertEquals(1, bodies.size());
        assertEquals("{\"text\":\"*Urgent message 1000200 on Main line from +19135550123\\r\\nBcc: victim@example.com*"
                + "\\n+19135550123 left an urgent message at Tue 6 Mar 2:14 AM CST.\\nTold: Alice, tickets@example.com\"}",
                bodies.get(0).replace("\\u000d", "\\r"));
    }

    @Test
    void slack_markup_from_a_caller_cannot_mention_the_channel() {
        assertEquals("&lt;!channel&gt; &amp; co", WebhookChannel.slack("<!channel> & co"));
        assertEquals("\"a\\\"b\\\\c\\u0000\\n\"", WebhookChannel.json("a\"b\\c\u0000\n"));
    }

    @Test
    void a_server_answering_500_is_tried_again_after_growing_pauses() {
        answers.addAll(List.of(500, 503));
        assertEquals("HTTP 200 after 3 tries", channel(Duration.ofSeconds(10), 3).deliver(Notices.messageKept("", "")));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), pauses);
    }

    @Test
    void a_server_that_keeps_failing_fails_the_delivery_so_the_timer_retries_it_later() {
        answers.addAll(List.of(500, 500, 500));
        NoticeChannel.DeliveryException e = assertThrows(NoticeChannel.DeliveryException.class,
                () -> channel(Duration.ofSeconds(10), 3).deliver(Notices.messageKept("", "")));
        assertEquals("webhook failed 3 times, last: HTTP 500", e.getMessage());
        assertEquals(3, requests.get());
    }

    @Test
    void a_4xx_is_not_repeated() {
        answers.add(404);
        NoticeChannel.DeliveryException e = assertThrows(NoticeChannel.DeliveryException.class,
                () -> channel(Duration.ofSeconds(10), 3).deliver(Notices.messageKept("", "")));
        assertEquals("webhook answered HTTP 404: not retried", e.getMessage());
        assertEquals(1, requests.get());
    }

    @Test
    void a_server_that_hangs_costs_one_timeout_per_try_then_fails() {
        answers.addAll(List.of(0, 0));
        NoticeChannel.DeliveryException e = assertThrows(NoticeChannel.DeliveryException.class,
                () -> channel(Duration.ofMillis(300), 2).deliver(Notices.messageKept("", "")));
        assertTrue(e.getMessage().startsWith("webhook failed 2 times, last: HttpTimeoutException"), e.getMessage());
    }

    @Test
    void the_url_is_never_printed_it_is_the_secret() {
        URI url = URI.create("https://hooks.example.com/services/T000/B000/XXXX");
        assertEquals("webhook at hooks.example.com (path withheld: it is the secret)",
                new WebhookSettings(url, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)).toString());
    }
}
