package org.afterhours.dialout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.afterhours.agi.server.AgiScriptRouter;
import org.afterhours.agi.server.AgiServer;
import org.afterhours.agi.server.AgiServerSettings;
import org.afterhours.agi.server.SessionListener;
import org.afterhours.ami.AmiClient;
import org.afterhours.ami.AmiSettings;
import org.afterhours.escalation.Dialer;
import org.afterhours.escalation.EmergencyDesk;
import org.afterhours.escalation.Dialer.LegRequest;
import org.afterhours.escalation.Dialer.OutboundLeg;
import org.afterhours.escalation.Dialer.RingOutcome;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.TechnicianBehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link AmiDialer} with the real asterisk-java client against {@link FakeAmi} over TCP, and answered legs running
 * their FastAGI session against a real {@link AgiServer}, as a technician's phone would on a real Asterisk.
 */
@Tag("clock")
@DisplayName("AmiDialer: the Dialer port over AMI")
class AmiDialerTest {
    private static final String SECRET = "afterhours-secret";
    private static final AmiClient.Timing FAST = new AmiClient.Timing(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(5), Duration.ofSeconds(2));
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration SHORT_RING = Duration.ofMillis(300);
    private static final Duration LONG_RING = Duration.ofSeconds(60);
    private static final String NODE = "agi://10.0.0.11:4573";
    private static final ScreeningDialplan DIALPLAN = new ScreeningDialplan("afterhours-screen", () -> NODE);

    /** What each screening session saw: key pressed ("" for none) and agi_uniqueid, by leg. */
    private final Map<String, String> pressed = new ConcurrentHashMap<>();
    private final Map<String, String> uniqueIds = new ConcurrentHashMap<>();
    private final FakeAmi ami = new FakeAmi("afterhours", SECRET)
            .phone("PJSIP/alice", TechnicianBehaviour.answers("1"))
            .phone("PJSIP/bob", TechnicianBehaviour.answers("2"))
            .phone("PJSIP/voicemail", TechnicianBehaviour.answers(""))
            .phone("PJSIP/carol", TechnicianBehaviour.answers(""))
            .phone("PJSIP/nobody", TechnicianBehaviour.neverAnswers())
            .phone("PJSIP/busy", TechnicianBehaviour.busy())
            .phone("PJSIP/offline", TechnicianBehaviour.congested());
    private AgiServer agi;
    private AmiDialer dialer;

    @BeforeEach
    void start() throws Exception {
        AgiScriptRouter router = new AgiScriptRouter().register("screen", (request, channel) -> {
            String leg = request.parameter("leg").orElse("?");
            uniqueIds.put(leg, request.uniqueId());
            channel.answer();
            Optional<Character> key = channel.waitForDigit(2000);
            pressed.put(leg, key.map(String::valueOf).orElse(""));
        });
        agi = new AgiServer(AgiServerSettings.defaults().withPort(0), router, SessionListener.NONE,
                Clock.systemUTC()).start();
        // A leg whose id starts "hold-" answers and stays on the line with no AGI step, until it is hung up.
        ami.runningAgi("127.0.0.1", agi.port(), (context, exten, variables) ->
                variables.get("AFTERHOURS_ATTEMPT").startsWith("hold-") ? null
                        : "screen?leg=" + variables.get("AFTERHOURS_ATTEMPT"));
        ami.start();
        dialer = AmiDialer.start(new AmiSettings("127.0.0.1", ami.port(), "afterhours", SECRET), FAST, DIALPLAN);
        await().atMost(WAIT).until(dialer::available);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (dialer != null) {
            dialer.close();
        }
        ami.close();
        agi.close();
    }

    private static LegRequest leg(String legId, String dial, Duration ring) {
        return new LegRequest(legId, "4815162", EmergencyDesk.LegRole.TECHNICIAN, dial, "Afterhours 4815162",
                "+19132016503", ring);
    }

    private static RingOutcome rang(OutboundLeg leg) throws Exception {
        return leg.ringing().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}: {1}, key [{2}]")
    @CsvSource({
            "PJSIP/alice,     ANSWERED,  1",
            "PJSIP/bob,       ANSWERED,  2",
            "PJSIP/voicemail, ANSWERED,  ''",
            "PJSIP/nobody,    NO_ANSWER, ",
            "PJSIP/busy,      BUSY,      ",
            "PJSIP/offline,   FAILED,    ",
            "PJSIP/unknown,   FAILED,    "})
    void ringing_ends_as_the_originate_response_says(String dial, RingOutcome outcome, String key) throws Exception {
        OutboundLeg leg = dialer.dial(leg("4815162-1", dial, SHORT_RING));
        assertEquals("4815162-1", leg.legId());
        assertEquals(outcome, rang(leg));
        if (outcome == RingOutcome.ANSWERED) {
            // The answered leg ran its dialplan: a FastAGI session to our server, the technician pressing keys.
            await().atMost(WAIT).until(() -> ami.answeredLegs().size() == 1);
            assertEquals("screen?leg=4815162-1", ami.answeredLegs().getFirst().script());
            assertEquals(key, pressed.get("4815162-1"));
            assertEquals("4815162-1", uniqueIds.get("4815162-1"), "the channel's uniqueid is the leg id");
        } else {
            assertEquals(List.of(), ami.answeredLegs());
        }
        FakeAmi.Action originate = ami.actions("Originate").getFirst();
        assertEquals(dial, originate.header("Channel"));
        assertEquals("4815162-1", originate.header("ChannelId"));
        assertEquals("300", originate.header("Timeout"));
        assertEquals("\"Afterhours 4815162\" <+19132016503>", originate.header("CallerID"));
        assertEquals("afterhours-screen", originate.header("Context"));
        assertEquals("s", originate.header("Exten"));
        assertEquals(Map.of("AFTERHOURS_REF", "4815162", "AFTERHOURS_ROLE", "technician",
                "AFTERHOURS_ATTEMPT", "4815162-1", "AFTERHOURS_NODE", NODE), originate.variables());
    }

    @Test
    void hanging_up_a_ringing_leg_cancels_it_and_hangs_up_its_channel_by_the_leg_id() throws Exception {
        OutboundLeg leg = dialer.dial(leg("4815162-2", "PJSIP/nobody", LONG_RING));
        await().atMost(WAIT).until(() -> sent("Newchannel", "4815162-2"));

        leg.hangup();
        assertTrue(leg.ringing().isDone(), "cancelled at once");
        assertEquals(RingOutcome.CANCELLED, rang(leg));
        await().atMost(WAIT).until(() -> sent("OriginateResponse", "4815162-2"));
        FakeAmi.Event result = ami.events().stream().filter(e -> e.name().equals("OriginateResponse")).findFirst()
                .orElseThrow();
        assertEquals("Failure", result.header("Response"));
        assertEquals("0", result.header("Reason"), "what Asterisk reports for a channel hung up while ringing");
        assertEquals(List.of("4815162-2"), ami.hangupRequests());

        leg.hangup();
        assertNothingMoreSent();
        assertEquals(List.of("4815162-2"), ami.hangupRequests(), "hangup() is idempotent");
    }

    @Test
    void a_leg_hung_up_the_moment_it_is_dialled_is_hung_up_once_its_channel_exists() throws Exception {
        // Asterisk may not have created the channel yet ("No such channel"): the Hangup is sent again until it has.
        OutboundLeg leg = dialer.dial(leg("4815162-3", "PJSIP/nobody", LONG_RING));
        leg.hangup();
        assertEquals(RingOutcome.CANCELLED, rang(leg));
        await().atMost(WAIT).until(() -> sent("OriginateResponse", "4815162-3"));
        assertTrue(ami.hangupRequests().stream().allMatch("4815162-3"::equals));
    }

    @Test
    void an_answered_leg_is_hung_up_once() throws Exception {
        OutboundLeg leg = dialer.dial(leg("hold-4815162-4", "PJSIP/carol", SHORT_RING));
        assertEquals(RingOutcome.ANSWERED, rang(leg));
        leg.hangup();
        await().atMost(WAIT).until(() -> sent("Hangup", "hold-4815162-4"));
        assertEquals("16", ami.events().stream().filter(e -> e.name().equals("Hangup")).findFirst().orElseThrow()
                .header("Cause"));
        leg.hangup();
        assertNothingMoreSent();
        assertEquals(List.of("hold-4815162-4"), ami.hangupRequests());
    }

    @Test
    void a_leg_that_ended_by_itself_needs_no_hangup() throws Exception {
        OutboundLeg leg = dialer.dial(leg("4815162-5", "PJSIP/busy", SHORT_RING));
        assertEquals(RingOutcome.BUSY, rang(leg));
        leg.hangup();
        assertNothingMoreSent();
        assertEquals(List.of(), ami.hangupRequests());
    }

    @Test
    void a_dropped_connection_fails_ringing_legs_and_they_are_hung_up_when_asterisk_is_back() throws Exception {
        OutboundLeg first = dialer.dial(leg("4815162-6", "PJSIP/nobody", LONG_RING));
        OutboundLeg second = dialer.dial(leg("4815162-7", "PJSIP/nobody", LONG_RING));
        await().atMost(WAIT).until(() -> sent("Newchannel", "4815162-7"));

        ami.close();
        assertEquals(RingOutcome.FAILED, rang(first));
        assertEquals(RingOutcome.FAILED, rang(second));
        assertFalse(dialer.available());
        Dialer.DialerUnavailableException down = assertThrows(Dialer.DialerUnavailableException.class,
                () -> dialer.dial(leg("4815162-8", "PJSIP/alice", SHORT_RING)));
        // Not logged in: DISCONNECTED, or CONNECTING while one of the retries (every 50-200 ms here) is under way.
        assertTrue(down.getMessage().matches("(?s).* is (DISCONNECTED|CONNECTING)\\b.*"), down.getMessage());

        ami.start();
        await().atMost(Duration.ofSeconds(5)).until(dialer::available);
        // Whatever Asterisk still rang for us when the connection dropped is hung up now.
        await().atMost(WAIT).until(() -> ami.hangupRequests().containsAll(List.of("4815162-6", "4815162-7")));
        assertEquals(RingOutcome.ANSWERED, rang(dialer.dial(leg("4815162-9", "PJSIP/alice", SHORT_RING))));
    }

    @Test
    void nothing_can_be_dialled_before_ami_is_logged_in() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (AmiDialer offline = AmiDialer.start(new AmiSettings("127.0.0.1", closedPort, "afterhours", SECRET),
                FAST, DIALPLAN)) {
            await().atMost(WAIT).until(() -> offline.client().problem().contains("Connection refused"));
            assertFalse(offline.available());
            Dialer.DialerUnavailableException e = assertThrows(Dialer.DialerUnavailableException.class,
                    () -> offline.dial(leg("4815162-10", "PJSIP/alice", SHORT_RING)));
            assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        }
    }

    @Test
    void every_originate_has_its_own_action_id() throws Exception {
        rang(dialer.dial(leg("4815162-11", "PJSIP/busy", SHORT_RING)));
        rang(dialer.dial(leg("4815162-12", "PJSIP/busy", SHORT_RING)));
        List<String> ids = ami.actions("Originate").stream().map(a -> a.header("ActionID")).toList();
        assertTrue(ids.get(0).endsWith("#ah-4815162-11-1"), ids.toString());
        assertTrue(ids.get(1).endsWith("#ah-4815162-12-2"), ids.toString());
        assertNotEquals(ids.get(0), ids.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a reference with a comma  | 4815-1     | PJSIP/alice         | 1,2",
            "a reference with newline  | 4815-1     | PJSIP/alice         | 1\\nAction: Hangup",
            "a leg id with a space     | 4815 1     | PJSIP/alice         | 1",
            "a leg id that is a regex  | /.*/       | PJSIP/alice         | 1",
            "a dial string with comma  | 4815-1     | PJSIP/alice,PJSIP/b | 1",
            "a dial string, no tech    | 4815-1     | alice               | 1"})
    void requests_that_cannot_be_sent_safely_are_refused(String what, String legId, String dial, String reference) {
        LegRequest request = new LegRequest(legId, reference.replace("\\n", "\n"), EmergencyDesk.LegRole.TECHNICIAN,
                dial, "Afterhours", "9132016503", SHORT_RING);
        assertThrows(IllegalArgumentException.class, () -> dialer.dial(request), what);
        assertEquals(List.of(), ami.actions("Originate"));
    }

    @ParameterizedTest(name = "[{0}] [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            "Afterhours 4815162            | +19132016503       | \"Afterhours 4815162\" <+19132016503>",
            "Alice \"The\" <Boss>\\        | +1 (913) 555-0101  | \"Alice The Boss\" <+19135550101>",
            "Line\\r\\nAction: Hangup       | 913                | \"LineAction: Hangup\" <913>",
            "''                            | 9132016503         | \"\" <9132016503>"})
    void caller_id_is_quoted_safely(String name, String number, String expected) {
        assertEquals(expected, AmiDialer.callerId(name.replace("\\r\\n", "\r\n"), number));
    }

    @Test
    void no_caller_id_at_all_leaves_the_pbx_default() {
        assertNull(AmiDialer.callerId("", null));
    }

    private boolean sent(String event, String uniqueId) {
        return ami.events().stream().anyMatch(e -> e.name().equals(event) && e.header("Uniqueid").equals(uniqueId));
    }

    /**
     * Actions on one connection arrive in order: once an Originate sent after the call under test has been
     * answered, anything that call sent has arrived too, before it.
     */
    private void assertNothingMoreSent() throws Exception {
        int before = ami.actions().size();
        assertEquals(RingOutcome.BUSY, rang(dialer.dial(leg("4815162-99", "PJSIP/busy", SHORT_RING))));
        List<String> after = ami.actions().subList(before, ami.actions().size()).stream().map(FakeAmi.Action::name)
                .filter(name -> !name.equals("Ping")).toList();
        assertEquals("Originate", after.getFirst(), "the first action after the call: " + after);
    }
}
