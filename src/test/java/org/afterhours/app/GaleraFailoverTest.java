package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.TestClocks;
import org.afterhours.db.Database;
import org.afterhours.db.DatabaseSettings;
import org.afterhours.db.GaleraCluster;
import org.afterhours.db.JdbcReferenceBlockSource;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.db.TestDatabases;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.Person;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared state on a three-member Galera cluster, with one member killed mid-load: two afterhours nodes, each
 * first on a different member (sequential multi-host URL), take a few hundred after-hours calls between them while
 * member 1 (node A's) is killed with SIGKILL. Every call is still answered and routed, every call's record lands
 * exactly once with its events 1..n, reference numbers stay unique, and a setup change made through node A after
 * the kill is what node B then runs on. The figures go to target/galera-failover/figures.txt (RELIABILITY.md).
 */
@Tag("clock")
@Tag("galera")
class GaleraFailoverTest {
    /** Tuesday 2026-11-17, 21:30 in Chicago: the sample line is closed, so every call takes the after-hours path. */
    private static final Instant TUESDAY_NIGHT = Instant.parse("2026-11-18T03:30:00Z");
    private static final String DATABASE = "afterhours_failover";
    private static final String SETUP = "galera";
    private static final int CALLS = 300;
    private static final int KILL_AFTER = 100;
    private static final int CONCURRENT_CALLERS = 20;
    private static final Pattern REFERENCE = Pattern.compile("> SAY DIGITS \"([0-9]{7})\"");

    private final Path home = TestDatabases.targetDir("galera-failover");
    private GaleraCluster cluster;
    private final List<Database> databases = new ArrayList<>();
    private final List<AfterhoursServer> nodes = new ArrayList<>();

    @BeforeEach
    void startClusterAndTwoNodes() throws Exception {
        cluster = GaleraCluster.start(home.resolve("cluster"), 3);
        cluster.createDatabase(DATABASE);
        // One after the other: the first migrates the schema and seeds the setup, the second finds both done.
        nodes.add(startNode("A", 1, cluster.member(1)));
        nodes.add(startNode("B", 2, cluster.member(2)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (AfterhoursServer node : nodes) {
            node.close();
        }
        databases.forEach(Database::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void calls_keep_being_routed_and_recorded_exactly_once_when_a_cluster_member_is_killed_mid_load()
            throws Exception {
        AfterhoursServer nodeA = nodes.get(0);
        AfterhoursServer nodeB = nodes.get(1);
        CountDownLatch killPoint = new CountDownLatch(KILL_AFTER);
        Semaphore callers = new Semaphore(CONCURRENT_CALLERS);
        List<Future<PlacedCall>> placed = new ArrayList<>();
        long killedAt = 0;
        Future<Long> nodeAWritesAgain = null;
        long loadStarted = System.nanoTime();
        try (ExecutorService phones = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLS; i++) {
                AfterhoursServer node = i % 2 == 0 ? nodeA : nodeB;
                String caller = String.format("+1312555%04d", i);
                callers.acquire();
                placed.add(phones.submit(() -> {
                    try {
                        return call(node, caller);
                    } finally {
                        callers.release();
                        killPoint.countDown();
                    }
                }));
                if (i == KILL_AFTER + CONCURRENT_CALLERS) {
                    killPoint.await(); // a third of the calls are done, twenty more are under way
                    cluster.member(1).killHard();
                    killedAt = System.nanoTime();
                    // Node A's writes go through again once its pool has moved to a surviving member.
                    nodeAWritesAgain = phones.submit(() -> firstWriteThrough(nodeA.database()));
                }
            }
        }
        long loadEnded = System.nanoTime();
        long recoverMs = (nodeAWritesAgain.get() - killedAt) / 1_000_000;

        List<PlacedCall> calls = new ArrayList<>();
        for (Future<PlacedCall> call : placed) {
            calls.add(call.get());
        }
        assertEquals(CALLS, calls.stream().filter(c -> "SUCCESS".equals(c.status())).count(),
                "every call was answered and routed to its end: " + calls.stream()
                        .filter(c -> !"SUCCESS".equals(c.status())).limit(3).toList());
        Set<String> references = new HashSet<>();
        for (PlacedCall call : calls) {
            assertTrue(references.add(call.reference()), "reference " + call.reference() + " read to two callers");
        }

        GaleraCluster.Member survivor = cluster.member(3);
        await().atMost(Duration.ofSeconds(120)).until(() -> endedRecords(survivor) == CALLS);
        EventCheck events = checkEvents(survivor);
        assertEquals(CALLS, events.calls(), "every call has events, under one call id");
        assertEquals(CALLS, events.references(), "no two calls share a reference");
        assertEquals(0, events.gaps(), "calls whose events are not exactly 1..n");
        assertEquals(0, events.duplicateStarts(), "calls started more than once");
        assertEquals(references, recordedReferences(survivor), "one record per call read to a caller");

        // A setup change made through node A (whose member is dead) is what node B runs on.
        OnCallSetup changed = OnCallFile.parse(new StringReader(
                Files.readString(Path.of("config/oncall.yaml")).replace("Alice Adams", "Alice Galera")), "changed");
        long version = new RuleBookRepository(nodeA.database().dataSource()).replace(SETUP, changed);
        await().atMost(Duration.ofSeconds(30)).until(() -> nodeB.ruleBook().refresh() || true,
                ignored -> nodeB.ruleBook().loadedVersion() >= version);
        assertEquals("Alice Galera", nodeB.ruleBook().person("alice").map(Person::name).orElseThrow());

        String figures = String.format("calls=%d routed=%d records=%d references_unique=%d duplicates=%d gaps=%d"
                        + " load_seconds=%.1f node_a_writes_back_after_ms=%d cluster_size_after=%s%n",
                CALLS, calls.size(), endedRecords(survivor), references.size(), events.duplicateStarts(),
                events.gaps(), (loadEnded - loadStarted) / 1e9, recoverMs, clusterSize(survivor));
        Files.writeString(home.resolve("figures.txt"), figures);
        System.out.print("Galera failover figures: " + figures);
    }

    private AfterhoursServer startNode(String name, int nodeId, GaleraCluster.Member first) throws Exception {
        int amiPort;
        try (ServerSocket free = new ServerSocket(0)) {
            amiPort = free.getLocalPort(); // nothing listens there: no technician is dialled on this path
        }
        String url = cluster.sequentialUrl(first, DATABASE) + "?connectTimeout=2000&galeraAllowedState=4";
        Database database = Database.start(DatabaseSettings.external(url, "root", ""));
        databases.add(database);
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                "AFTERHOURS_AGI_PORT", "0",
                "AFTERHOURS_NODE_ID", Integer.toString(nodeId),
                "AFTERHOURS_AMI_PORT", Integer.toString(amiPort),
                "AFTERHOURS_AMI_SECRET", "simulate",
                "AFTERHOURS_ONCALL_SETUP", SETUP,
                "AFTERHOURS_DATA_DIR", home.resolve("node-" + name).toString()));
        Clock clock = TestClocks.startingAt(TUESDAY_NIGHT);
        return AfterhoursServer.start(config, database, clock);
    }

    /** A caller who reports a non-emergency and leaves a message: the call hears its reference number. */
    private static PlacedCall call(AfterhoursServer node, String callerNumber) throws Exception {
        StringBuilder reference = new StringBuilder();
        AsteriskSimulator.Result result = new AsteriskSimulator("127.0.0.1", node.agiPort(), Duration.ofSeconds(60))
                .play(SimulatedCall.to("afterhours").from(callerNumber, "Load Caller").dialling("913-201-6503")
                        .pressing("21#1"), line -> {
                            Matcher m = REFERENCE.matcher(line);
                            if (reference.isEmpty() && m.find()) {
                                reference.append(m.group(1));
                            }
                        });
        return new PlacedCall(reference.toString(), result.variables().get("AFTERHOURS_STATUS"));
    }

    private record PlacedCall(String reference, String status) {
    }

    /** The instant node A's pool first completes a write after the kill (each try retries within itself). */
    private static long firstWriteThrough(Database database) {
        JdbcReferenceBlockSource probe = new JdbcReferenceBlockSource(database.dataSource(), "probe",
                Clock.systemUTC());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                probe.allocateBlock();
                return System.nanoTime();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new AssertionError("node A's writes did not go through within 60 s", last);
    }

    /** Per call (call id): how many calls, how many distinct references they hold, gaps, repeated starts/ends. */
    private record EventCheck(int calls, int references, int gaps, int duplicateStarts) {
    }

    private static EventCheck checkEvents(GaleraCluster.Member member) throws SQLException {
        try (Connection c = member.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT reference),"
                     + " SUM(events <> last OR first <> 1), SUM(starts <> 1 OR ends <> 1) FROM ("
                     + "  SELECT call_id, MIN(reference) AS reference, COUNT(*) AS events, MIN(sequence) AS first,"
                     + "  MAX(sequence) AS last, SUM(type = 'CALL_STARTED') AS starts, SUM(type = 'CALL_ENDED') AS ends"
                     + "  FROM " + DATABASE + ".call_event GROUP BY call_id) per_call")) {
            r.next();
            return new EventCheck(r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4));
        }
    }

    private static int endedRecords(GaleraCluster.Member member) throws SQLException {
        try (Connection c = member.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + DATABASE + ".call_record"
                     + " WHERE ended_at IS NOT NULL")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Set<String> recordedReferences(GaleraCluster.Member member) throws SQLException {
        Set<String> references = new HashSet<>();
        try (Connection c = member.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT reference FROM " + DATABASE + ".call_record")) {
            while (r.next()) {
                references.add(r.getString(1));
            }
        }
        return references;
    }

    private static String clusterSize(GaleraCluster.Member member) throws SQLException {
        try (Connection c = member.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW STATUS LIKE 'wsrep_cluster_size'")) {
            r.next();
            return r.getString(2);
        }
    }
}
