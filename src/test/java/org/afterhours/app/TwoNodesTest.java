package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.TestClocks;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.db.TestDatabases;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.ResAgiResponder;
import org.afterhours.simulator.SimulatedCall;
import org.afterhours.simulator.TechnicianBehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes behind one Asterisk (the fake AMI, whose answered legs run [afterhours-screen] as the dialplan
 * does: {@code AGI(${AFTERHOURS_NODE}/screen?...)}, the first node when the variable is missing), on one database
 * and one on-call setup, each with its own node id, port and journal. Node "a" is reached through a
 * {@link LoopbackLink}, so that it can die as Asterisk sees a dying node: every connection closed at once.
 *
 * <p>The setup: alice on call, bob second (weekly rotation, Tuesday night 2026-11-17 in Chicago, after hours);
 * each rung for 5 s, once.
 */
@Tag("clock")
class TwoNodesTest {
    static final Instant TUESDAY_NIGHT = Instant.parse("2026-11-18T03:30:00Z");
    private static final Pattern REFERENCE = Pattern.compile("SAY DIGITS \"([0-9]{7})\"");
    static final String SETUP_FILE = """
            people:
              - {id: alice, name: Alice Adams, contacts: [{label: desk, dial: PJSIP/alice}]}
              - {id: bob, name: Bob Brown, contacts: [{label: desk, dial: PJSIP/bob}]}
            rotations:
              - {id: techs, zone: America/Chicago, shift: weekly, handoff: "08:00", start: 2026-11-02,
                 members: [alice, bob]}
            escalationPolicies:
              - {id: default, steps: [{onCall: primary, ringSeconds: 5}, {onCall: secondary, ringSeconds: 5}]}
            lines:
              - {id: main, name: Main line, numbers: ["+1 913 201 6503"], rotation: techs,
                 daytime: message-and-voicemail}
            """;

    private final String setup = "two-nodes-" + System.nanoTime();
    private final FakeAmi ami = new FakeAmi("afterhours", "two-nodes").otherPhones(TechnicianBehaviour.neverAnswers());
    private final List<AfterhoursServer> servers = new ArrayList<>();
    private LoopbackLink amiLinkOfA;
    private LoopbackLink agiLinkOfA;
    private Node a;
    private Node b;

    /** One node as Asterisk reaches it: the port callers dial and the URL its legs carry. */
    private record Node(String name, AfterhoursServer server, int agiPort, String url) {
    }

    @BeforeEach
    void start() throws Exception {
        new RuleBookRepository(TestDatabases.shared().dataSource()).importIfEmpty(setup,
                OnCallFile.parse(new StringReader(SETUP_FILE), "two-nodes.yaml", TUESDAY_NIGHT));
        ami.start();
        AtomicReference<AfterhoursServer> serverA = new AtomicReference<>();
        agiLinkOfA = new LoopbackLink(() -> serverA.get().agiPort());
        amiLinkOfA = new LoopbackLink(ami::port);
        String urlOfA = "agi://127.0.0.1:" + agiLinkOfA.port();
        serverA.set(node(1, amiLinkOfA.port(), urlOfA));
        a = new Node("a", serverA.get(), agiLinkOfA.port(), urlOfA);
        AfterhoursServer serverB = node(2, ami.port(), "");
        b = new Node("b", serverB, serverB.agiPort(), "agi://127.0.0.1:" + serverB.agiPort());
        // The dialplan: the node the leg names; without one, AFTERHOURS_AGI (the first node).
        ami.runningAgi("127.0.0.1", a.agiPort(), (context, exten, variables) ->
                variables.getOrDefault("AFTERHOURS_NODE", urlOfA) + "/screen?ref=" + variables.get("AFTERHOURS_REF")
                        + "&role=" + variables.get("AFTERHOURS_ROLE") + "&attempt="
                        + variables.get("AFTERHOURS_ATTEMPT"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ami.logins() >= 2);
    }

    private AfterhoursServer node(int id, int amiPort, String nodeUrl) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "AFTERHOURS_AGI_PORT", "0",
                "AFTERHOURS_AGI_SHUTDOWN_GRACE_SECONDS", "1",
                "AFTERHOURS_NODE_ID", Integer.toString(id),
                "AFTERHOURS_AMI_PORT", Integer.toString(amiPort),
                "AFTERHOURS_AMI_SECRET", "two-nodes",
                "AFTERHOURS_ONCALL_SETUP", setup,
                "AFTERHOURS_DATA_DIR", TestDatabases.targetDir("two-nodes-" + id + "-" + System.nanoTime()).toString()));
        environment.put("AFTERHOURS_AGI_NODE_URL", nodeUrl);
        AfterhoursServer server = AfterhoursServer.start(
                AfterhoursConfig.load(Path.of("config/afterhours.properties"), environment), TestDatabases.shared(),
                TestClocks.startingAt(TUESDAY_NIGHT));
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() throws InterruptedException {
        agiLinkOfA.close();
        amiLinkOfA.close();
        for (AfterhoursServer server : servers) {
            server.close();
        }
        ami.close();
        new RuleBookRepository(TestDatabases.shared().dataSource()).delete(setup);
    }

    /** An emergency caller on {@code node}: presses 1, then does what {@code asterisk} is set up to do. */
    private Call emergency(Node node, ResAgiResponder asterisk) throws IOException {
        AsteriskSimulator.Result result = play(node, asterisk);
        Matcher m = REFERENCE.matcher(String.join("\n", result.commands()));
        assertTrue(m.find(), String.join("\n", result.commands()));
        return new Call(m.group(1), result);
    }

    /** A caller on {@code node} who does what {@code asterisk} is set up to do. */
    private AsteriskSimulator.Result play(Node node, ResAgiResponder asterisk) throws IOException {
        SimulatedCall call = SimulatedCall.to("afterhours?line=main").from("+13125550142", "Pat Caller")
                .dialling("+19132016503");
        return new AsteriskSimulator("127.0.0.1", node.agiPort(), Duration.ofSeconds(30)).play(call, asterisk,
                line -> { });
    }

    private record Call(String reference, AsteriskSimulator.Result result) {
    }

    private Map<String, String> recorded(String reference) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> CallRecords.callRecord(reference),
                row -> row.get("ended_at") != null);
    }

    /**
     * The URL of the node that screened each answered leg of {@code reference}, in order. The fake Asterisk lists a
     * leg once its screening session has ended, on the leg's own thread, which may be after the caller's call ended:
     * callers wait for the legs they expect.
     */
    private List<String> screenedOn(String reference) {
        return ami.answeredLegs().stream().filter(leg -> leg.script().contains("ref=" + reference))
                .map(leg -> leg.script().substring(0, leg.script().indexOf("/screen?"))).toList();
    }

    @Test
    void an_emergency_taken_by_either_node_is_screened_on_that_node_and_accepted() throws Exception {
        ami.phone("PJSIP/alice", TechnicianBehaviour.answers("1"));

        for (Node node : List.of(a, b)) {
            assertConnected(node, emergency(node, new ResAgiResponder("1", 0)), "alice ACCEPTED");
        }
    }

    @Test
    void a_decline_on_either_node_goes_on_to_the_next_person() throws Exception {
        ami.phone("PJSIP/alice", TechnicianBehaviour.answers("2"));
        ami.phone("PJSIP/bob", TechnicianBehaviour.answers("1"));

        for (Node node : List.of(a, b)) {
            assertConnected(node, emergency(node, new ResAgiResponder("1", 0)), "alice DECLINED", "bob ACCEPTED");
        }
    }

    /**
     * The call went through, its record shows {@code attempts} ("person OUTCOME") and the last person as the one
     * who accepted, and every answered leg was screened on {@code node}.
     */
    private void assertConnected(Node node, Call call, String... attempts) throws Exception {
        Map<String, String> row = recorded(call.reference());
        assertEquals("CONNECTED", row.get("outcome"), node.name() + ": " + row);
        String last = attempts[attempts.length - 1];
        assertEquals(last.substring(0, last.indexOf(' ')), row.get("accepted_by"), node.name());
        assertEquals(List.of(attempts), CallRecords.attempts(call.reference()), node.name());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(
                java.util.Collections.nCopies(attempts.length, node.url()), screenedOn(call.reference()), node.name()));
        assertEquals("SUCCESS", call.result().variables().get("AFTERHOURS_STATUS"), node.name());
    }

    @Test
    void a_caller_who_hangs_up_on_either_node_has_that_nodes_ringing_leg_hung_up() throws Exception {
        ami.phone("PJSIP/alice", TechnicianBehaviour.neverAnswers());

        for (Node node : List.of(a, b)) {
            int before = ami.actions("Originate").size();
            BooleanSupplier aliceRings = () -> ami.actions("Originate").size() > before;
            play(node, new ResAgiResponder("1", 0).hangingUpWhen(aliceRings));

            // The caller hung up as alice's phone began to ring, before the reference was read to them.
            FakeAmi.Action aliceRung = ami.actions("Originate").get(before);
            String reference = aliceRung.variables().get("AFTERHOURS_REF");
            // The call's end (CALLER_HUNG_UP, then CALL_ENDED with the outcome) and the escalation's (its thread
            // records the cancelled attempt and ESCALATION_ENDED once the leg is hung up) reach the log separately.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Map<String, String> row = CallRecords.callRecord(reference);
                assertEquals("CALLER_HUNG_UP", row.get("outcome"), node.name() + ": " + row);
                assertEquals("CANCELLED", row.get("escalation_outcome"), node.name() + ": " + row);
            });
            String leg = aliceRung.header("ChannelId");
            await().atMost(Duration.ofSeconds(10)).until(() -> ami.hangupRequests().contains(leg));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertEquals(List.of("alice CANCELLED"), CallRecords.attempts(reference), node.name()));
        }
    }

    @Test
    void a_node_that_dies_mid_search_leaves_its_leg_to_the_ring_timeout_and_its_caller_to_the_fallback()
            throws Exception {
        ami.phone("PJSIP/alice", TechnicianBehaviour.neverAnswers());
        ami.phone("PJSIP/bob", TechnicianBehaviour.answers("1"));
        AtomicReference<Instant> diedAt = new AtomicReference<>();
        AtomicReference<Instant> dialledAt = new AtomicReference<>();
        ami.onAction(action -> {
            if (action.name().equals("Originate")) {
                dialledAt.compareAndSet(null, Instant.now());
            }
        });
        BooleanSupplier aliceRings = () -> !ami.actions("Originate").isEmpty();

        // Node a dies while alice's phone rings for its caller: from Asterisk's side every connection of a closes.
        ResAgiResponder asterisk = new ResAgiResponder("1", 0).hangingUpWhen(() -> {
            if (aliceRings.getAsBoolean() && diedAt.get() == null) {
                diedAt.set(Instant.now());
                agiLinkOfA.cut();
                amiLinkOfA.cut();
            }
            return false; // the caller stays: it is the node that goes away
        });
        AsteriskSimulator.Result result;
        try {
            result = new AsteriskSimulator("127.0.0.1", a.agiPort(), Duration.ofSeconds(30)).play(
                    SimulatedCall.to("afterhours?line=main").from("+13125550142", "Pat Caller")
                            .dialling("+19132016503"), asterisk, l -> { });
        } catch (IOException reset) {
            result = null; // the connection was reset rather than closed: the same for the dialplan
        }

        // The dialplan goes on only on AFTERHOURS_STATUS=SUCCESS: this caller is on the fallback.
        assertTrue(diedAt.get() != null, "alice's phone rang while node a was alive");
        assertNotEquals("SUCCESS", result == null ? null : result.variables().get("AFTERHOURS_STATUS"));
        // Nobody can hang up alice's leg for a dead node: it ends at its ring timeout (Originate Timeout 5000).
        FakeAmi.Action aliceLeg = ami.actions("Originate").getFirst();
        assertEquals("5000", aliceLeg.header("Timeout"));
        String legId = aliceLeg.header("ChannelId");
        await().atMost(Duration.ofSeconds(20)).until(() -> ami.events().stream()
                .anyMatch(e -> e.name().equals("Hangup") && e.header("Uniqueid").equals(legId)));
        Instant ended = Instant.now();
        assertEquals(1, ami.actions("Originate").size(), "the dead node placed no further leg");
        System.out.printf("two nodes: node a died %d ms into alice's ring; her leg ended %d ms after the death,"
                        + " %d ms after it was placed (Originate Timeout 5000)%n",
                Duration.between(dialledAt.get(), diedAt.get()).toMillis(),
                Duration.between(diedAt.get(), ended).toMillis(), Duration.between(dialledAt.get(), ended).toMillis());

        // Node b is untouched: the next emergency reaches bob after alice's ring times out, screened on b.
        Call next = emergency(b, new ResAgiResponder("1", 0));
        Map<String, String> row = recorded(next.reference());
        assertEquals("CONNECTED", row.get("outcome"), row.toString());
        assertEquals(List.of("alice NO_ANSWER", "bob ACCEPTED"), CallRecords.attempts(next.reference()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertEquals(List.of(b.url()), screenedOn(next.reference())));
    }

    @Test
    void emergencies_alternating_between_the_nodes_are_each_recorded_once_with_distinct_references()
            throws Exception {
        ami.phone("PJSIP/alice", TechnicianBehaviour.answers("1"));
        List<String> references = new ArrayList<>();
        long started = System.nanoTime();

        for (int i = 0; i < 10; i++) {
            references.add(emergency(i % 2 == 0 ? a : b, new ResAgiResponder("1", 0)).reference());
        }

        assertEquals(references.size(), references.stream().distinct().count(), references.toString());
        int connected = 0;
        for (String reference : references) {
            if ("CONNECTED".equals(recorded(reference).get("outcome"))) {
                connected++;
            }
            assertEquals(1, CallRecords.recordCount(reference), reference);
        }
        assertEquals(references.size(), connected);
        System.out.printf("two nodes: %d emergencies (5 per node), %d records, %d connected, duplicates 0, %d ms%n",
                references.size(), references.size(), connected, (System.nanoTime() - started) / 1_000_000);
    }
}
