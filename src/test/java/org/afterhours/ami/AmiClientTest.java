package org.afterhours.ami;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.TechnicianBehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real asterisk-java client, through {@link AmiClient}, against {@link FakeAmi} over TCP. */
@DisplayName("AmiClient: login, reconnect, Originate matched by ActionID, ordered events")
class AmiClientTest {
    static final String SECRET = "afterhours-secret";
    static final AmiClient.Timing FAST = new AmiClient.Timing(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(5), Duration.ofSeconds(2));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeAmi ami = new FakeAmi("afterhours", SECRET)
            .phone("PJSIP/alice", TechnicianBehaviour.answers("1"))
            .phone("PJSIP/nobody", TechnicianBehaviour.neverAnswers())
            .phone("PJSIP/busy", TechnicianBehaviour.busy())
            .phone("PJSIP/offline", TechnicianBehaviour.congested());
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private AmiClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        ami.close();
    }

    private AmiClient connect(String secret) throws IOException {
        ami.start();
        client = new AmiClient(new AmiSettings("127.0.0.1", ami.port(), "afterhours", secret), FAST);
        client.addListener(new AmiClient.Listener() {
            @Override
            public void healthChanged(AmiClient.Health health) {
                threads.add(Thread.currentThread());
                seen.add(health.name());
            }

            @Override
            public void event(AmiEvent event) {
                threads.add(Thread.currentThread());
                seen.add(event.name() + " " + event.uniqueId());
            }
        });
        return client.start();
    }

    /**
     * The health changes the listener was told of, in order. health() changes first, then the listeners are told on
     * the events thread: a test that asserts on what they were told waits for that, not for health().
     */
    private List<String> healthReported() {
        return seen.stream().filter(s -> !s.contains(" ")).toList();
    }

    private static OriginateRequest originate(String actionId, String dial, String channelId, Duration timeout) {
        return new OriginateRequest(actionId, dial, "afterhours-screen", "s", timeout,
                "\"Afterhours 4815\" <9132016503>", Map.of("AFTERHOURS_REF", "4815"), channelId);
    }

    @Test
    void a_caller_who_asks_while_the_login_is_under_way_waits_for_it_rather_than_being_refused() throws Exception {
        ami.start();
        // Asterisk's banner is held back: the client has connected and waits in the middle of its login.
        CountDownLatch bannerReleased = new CountDownLatch(1);
        try (ServerSocket slowPbx = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> relayAfter(slowPbx, bannerReleased));
            client = new AmiClient(new AmiSettings("127.0.0.1", slowPbx.getLocalPort(), "afterhours", SECRET), FAST);
            client.start();
            await().atMost(WAIT).until(() -> client.health() == AmiClient.Health.CONNECTING);

            CompletableFuture<AmiClient.Health> asked = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    asked.complete(client.awaitLoginAttempt(WAIT));
                } catch (InterruptedException e) {
                    asked.completeExceptionally(e);
                }
            });
            await().atMost(WAIT).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
            assertFalse(asked.isDone(), "answered before the login finished");

            bannerReleased.countDown();
            assertEquals(AmiClient.Health.CONNECTED, asked.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /** Accepts one connection and, once {@code release} opens, pipes it to the fake AMI both ways. */
    private void relayAfter(ServerSocket listener, CountDownLatch release) {
        try (Socket client = listener.accept()) {
            release.await();
            try (Socket pbx = new Socket("127.0.0.1", ami.port())) {
                Thread toPbx = Thread.ofVirtual().start(() -> pipe(client, pbx));
                pipe(pbx, client);
                toPbx.join();
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        }
    }

    @Test
    void logs_in_with_an_md5_challenge_and_says_so() throws IOException {
        connect(SECRET);
        await().atMost(WAIT).until(() -> seen.contains("CONNECTED"));
        assertEquals(List.of("CONNECTING", "CONNECTED"), seen);
        assertEquals("", client.problem());
        assertEquals(List.of("Challenge", "Login", "CoreSettings"),
                ami.actions().stream().map(FakeAmi.Action::name).map(AmiClientTest::capitalised).toList());
        assertEquals("MD5", ami.actions("Login").getFirst().header("AuthType"));
        assertEquals("", ami.actions("Login").getFirst().header("Secret"), "the secret never crosses the wire");
    }

    @Test
    void a_wrong_secret_is_reported_and_nothing_can_be_sent() throws IOException {
        connect("wrong");
        // Each refused login is reported DISCONNECTED; the next try (CONNECTING) follows after the backoff.
        await().atMost(WAIT).until(() -> ami.actions("Login").size() >= 2
                && healthReported().stream().filter("DISCONNECTED"::equals).count() >= 2);
        assertEquals(List.of("CONNECTING", "DISCONNECTED", "CONNECTING", "DISCONNECTED"),
                healthReported().subList(0, 4));
        assertTrue(client.problem().startsWith("login refused: Authentication failed"), client.problem());
        assertTrue(client.problem().contains("AFTERHOURS_AMI_SECRET"), client.problem());
        assertFalse(client.problem().contains("wrong"), "the secret is never shown");
        assertEquals(0, ami.logins());
        AmiUnavailableException e = assertThrows(AmiUnavailableException.class,
                () -> client.originate(originate("o-1", "PJSIP/alice", "4815-1", Duration.ofSeconds(1))));
        assertTrue(e.getMessage().contains("Authentication failed"), e.getMessage());
    }

    @Test
    void without_a_secret_it_does_not_try_and_says_why() throws IOException {
        connect("");
        assertEquals(AmiClient.Health.DISCONNECTED, client.health());
        assertTrue(client.problem().contains("AFTERHOURS_AMI_SECRET"), client.problem());
        AmiUnavailableException e = assertThrows(AmiUnavailableException.class, () -> client.hangup("4815-1"));
        assertTrue(e.getMessage().contains("not set up"), e.getMessage());
        assertEquals(List.of(), ami.actions());
    }

    @ParameterizedTest(name = "{0}: {1} Reason {2}")
    @CsvSource({
            "PJSIP/nobody,  NO_ANSWER,  3",
            "PJSIP/busy,    BUSY,       5",
            "PJSIP/offline, CONGESTION, 8",
            "PJSIP/unknown, FAILED,     0"})
    void each_originate_result_comes_back_by_its_action_id(String dial, OriginateResult.Outcome outcome, int reason)
            throws Exception {
        connect(SECRET);
        await().atMost(WAIT).until(() -> client.health() == AmiClient.Health.CONNECTED);
        OriginateResult result = client.originate(originate("orig-4815-1", dial, "4815-1", Duration.ofMillis(300)))
                .get(10, TimeUnit.SECONDS);
        assertEquals(new OriginateResult(outcome, reason, dial, "4815-1", ""), result);

        FakeAmi.Action sent = ami.actions("Originate").getFirst();
        assertTrue(sent.header("ActionID").endsWith("#orig-4815-1"), sent.header("ActionID"));
        assertEquals(dial, sent.header("Channel"));
        assertEquals("afterhours-screen", sent.header("Context"));
        assertEquals("s", sent.header("Exten"));
        assertEquals("1", sent.header("Priority"));
        assertEquals("300", sent.header("Timeout"));
        assertEquals("true", sent.header("Async"));
        assertEquals("4815-1", sent.header("ChannelId"));
        assertEquals("\"Afterhours 4815\" <9132016503>", sent.header("CallerID"));
        assertEquals(Map.of("AFTERHOURS_REF", "4815"), sent.variables());
    }

    @Test
    void an_answered_channel_can_be_hung_up_by_its_channel_id() throws Exception {
        connect(SECRET);
        await().atMost(WAIT).until(() -> client.health() == AmiClient.Health.CONNECTED);
        OriginateResult result = client.originate(originate("o-a", "PJSIP/alice", "4815-7", Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);
        assertEquals(new OriginateResult(OriginateResult.Outcome.ANSWERED, 4, "PJSIP/alice-00000001", "4815-7", ""),
                result);
        assertEquals(new AmiClient.Reply(true, "Channel Hungup"), client.hangup("4815-7").get(10, TimeUnit.SECONDS));
        await().atMost(WAIT).until(() -> seen.contains("Hangup 4815-7"));
        assertEquals(new AmiClient.Reply(false, "No such channel"), client.hangup("4815-7").get(10, TimeUnit.SECONDS));
    }

    @Test
    void asterisk_refusing_the_originate_completes_it_rejected() throws Exception {
        ami.contexts("somewhere-else");
        connect(SECRET);
        await().atMost(WAIT).until(() -> client.health() == AmiClient.Health.CONNECTED);
        OriginateResult result = client.originate(originate("o-r", "PJSIP/alice", "4815-8", Duration.ofSeconds(5)))
                .get(10, TimeUnit.SECONDS);
        assertEquals(OriginateResult.Outcome.REJECTED, result.outcome());
        assertEquals("Extension does not exist.", result.message());
    }

    @Test
    void events_are_handled_in_order_on_one_thread_of_ours() throws Exception {
        connect(SECRET);
        await().atMost(WAIT).until(() -> client.health() == AmiClient.Health.CONNECTED);
        client.originate(originate("o-b", "PJSIP/busy", "4815-2", Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
        client.originate(originate("o-n", "PJSIP/nobody", "4815-3", Duration.ofMillis(200))).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> seen.contains("Hangup 4815-3"));

        assertEquals(List.of("CONNECTING", "CONNECTED",
                "NewChannel 4815-2", "Hangup 4815-2", "OriginateResponse 4815-2",
                "NewChannel 4815-3", "OriginateResponse 4815-3", "Hangup 4815-3"), seen);
        assertEquals(1, threads.stream().distinct().count(), "one thread: " + threads);
        assertEquals("ami-events", threads.getFirst().getName());
    }

    @Test
    void a_dropped_connection_fails_what_waits_and_the_client_logs_in_again_when_asterisk_is_back()
            throws Exception {
        connect(SECRET);
        await().atMost(WAIT).until(() -> client.health() == AmiClient.Health.CONNECTED);
        CompletableFuture<OriginateResult> ringing =
                client.originate(originate("o-d", "PJSIP/nobody", "4815-4", Duration.ofSeconds(60)));
        await().atMost(WAIT).until(() -> seen.contains("NewChannel 4815-4"));

        ami.close();
        OriginateResult result = ringing.get(10, TimeUnit.SECONDS);
        assertEquals(OriginateResult.Outcome.DISCONNECTED, result.outcome());
        // Said before what waited was failed; it has been trying again since (CONNECTING now and then).
        assertEquals(List.of("CONNECTING", "CONNECTED", "DISCONNECTED"), healthReported().subList(0, 3));
        assertThrows(AmiUnavailableException.class, () -> client.hangup("4815-4"));
        await().atMost(WAIT).until(() -> seen.stream().filter("CONNECTING"::equals).count() >= 3);

        ami.start();
        // The backoff is 50 ms doubling to 200 ms here: the next attempt finds Asterisk back.
        await().atMost(Duration.ofSeconds(5)).until(() -> healthReported().getLast().equals("CONNECTED"));
        assertEquals(AmiClient.Health.CONNECTED, client.health());
        assertEquals(2, ami.logins());
        assertEquals(List.of("CONNECTING", "CONNECTED", "DISCONNECTED", "CONNECTING"), healthReported().subList(0, 4));
        assertEquals(OriginateResult.Outcome.BUSY, client.originate(
                originate("o-e", "PJSIP/busy", "4815-5", Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS).outcome());
    }

    @Test
    void requests_that_would_break_the_protocol_are_refused_before_sending() {
        Duration ring = Duration.ofSeconds(5);
        assertThrows(IllegalArgumentException.class, () -> new OriginateRequest("a", "PJSIP/alice", "c", "s", ring,
                null, Map.of("REF", "1,2"), "id"));
        assertThrows(IllegalArgumentException.class, () -> new OriginateRequest("a", "PJSIP/alice", "c", "s", ring,
                null, Map.of("REF", "1\r\nAction: Hangup"), "id"));
        assertThrows(IllegalArgumentException.class, () -> new OriginateRequest("a", "PJSIP/alice\r\nX: y", "c", "s",
                ring, null, Map.of(), "id"));
        assertThrows(IllegalArgumentException.class, () -> new OriginateRequest("a", "PJSIP/alice", "c", "s", ring,
                null, Map.of(), "/.*/"));
        assertThrows(IllegalArgumentException.class, () -> new OriginateRequest("a", "PJSIP/alice", "c", "s", ring,
                null, Map.of(), "x".repeat(150)));
        assertThrows(IllegalArgumentException.class, () -> new OriginateRequest("a#b", "PJSIP/alice", "c", "s", ring,
                null, Map.of(), "id"));
    }

    @Test
    void settings_never_show_the_secret() {
        AmiSettings settings = new AmiSettings("127.0.0.1", 5038, "afterhours", "s3cr3t-value");
        assertFalse(settings.toString().contains("s3cr3t"), settings.toString());
        assertFalse(new AmiSettings("127.0.0.1", 5038, "afterhours", null).hasSecret());
    }

    private static String capitalised(String action) {
        return action.substring(0, 1).toUpperCase() + action.substring(1);
    }
}
