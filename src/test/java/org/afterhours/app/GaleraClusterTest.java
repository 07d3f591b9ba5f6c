package org.afterhours.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.TestClocks;
import org.afterhours.db.Database;
import org.afterhours.db.DatabaseSettings;
import org.afterhours.db.GaleraCluster;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.db.TestDatabases;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.ResAgiResponder;
import org.afterhours.simulator.SimulatedCall;
import org.afterhours.simulator.TechnicianBehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 12, part 3, the Galera profile ({@code ./mvnw -Pgalera verify}, RELIABILITY.md "Galera"): a three-member
 * MariaDB Galera cluster on loopback ({@link GaleraCluster}), two afterhours nodes on different members (node a on
 * member 1 then 2, node b on member 2 then 3: the driver's {@code sequential} mode), one fake AMI. Calls alternate
 * between the nodes; a third of the way in, member 1 is killed with {@code kill -9}. Not part of the default suite:
 * it needs Debian's galera-4 and runs as root (the members run as "mysql").
 */
@Tag("clock")
@Tag("galera")
@EnabledIfSystemProperty(named = "afterhours.galera", matches = "true")
class GaleraClusterTest {
    private static final Path CLUSTER = TestDatabases.targetDir("galera");
    private static final int CALLS = Integer.getInteger("afterhours.galera.calls", 200);
    private static final Pattern REFERENCE = Pattern.compile("SAY DIGITS \"([0-9]{7})\"");
    private static final String SCHEMA = "afterhours_galera";
    private static GaleraCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = GaleraCluster.start(CLUSTER, 3);
        cluster.createDatabase(SCHEMA);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The driver tries the members in order and moves on when one is gone (HikariCP gets a new connection). */
    private static String sequential(int first, int second) {
        return "jdbc:mariadb:sequential://127.0.0.1:" + cluster.member(first).port() + ",127.0.0.1:"
                + cluster.member(second).port() + "/" + SCHEMA;
    }

    @Test
    void a_member_killed_mid_load_loses_no_call_no_record_and_no_reference() throws Exception {
        String setup = "galera-" + System.nanoTime();
        FakeAmi ami = new FakeAmi("afterhours", "galera").otherPhones(TechnicianBehaviour.answers("1")).start();
        try (Database onA = Database.start(DatabaseSettings.external(sequential(1, 2), "root", ""));
             Database onB = Database.start(DatabaseSettings.external(sequential(2, 3), "root", ""))) {
            new RuleBookRepository(onA.dataSource()).importIfEmpty(setup,
                    OnCallFile.parse(new StringReader(TwoNodesTest.SETUP_FILE), "galera.yaml", TwoNodesTest.TUESDAY_NIGHT));
            AfterhoursServer a = node(1, onA, ami, setup);
            AfterhoursServer b = node(2, onB, ami, setup);
            ami.runningAgi("127.0.0.1", a.agiPort(), (context, exten, variables) ->
                    variables.get("AFTERHOURS_NODE") + "/screen?ref=" + variables.get("AFTERHOURS_REF") + "&role="
                            + variables.get("AFTERHOURS_ROLE") + "&attempt=" + variables.get("AFTERHOURS_ATTEMPT"));
            await().atMost(Duration.ofSeconds(20)).until(() -> ami.logins() >= 2);
            try {
                List<String> references = new ArrayList<>();
                long started = System.nanoTime();
                Instant killedAt = null;
                Duration recovery = null;
                for (int i = 0; i < CALLS; i++) {
                    if (i == CALLS / 3) {
                        killedAt = Instant.now();
                        killMember(1);
                    }
                    String reference = emergency(i % 2 == 0 ? a : b);
                    references.add(reference);
                    if (killedAt != null && recovery == null && i % 2 == 0) {
                        // Node a's first call after its member died: how long until its record is in the cluster.
                        await().atMost(Duration.ofSeconds(60)).until(() -> endedRecords(onB, List.of(reference)),
                                r -> r.size() == 1);
                        recovery = Duration.between(killedAt, Instant.now());
                    }
                }
                long callsMillis = (System.nanoTime() - started) / 1_000_000;

                // A setup change made through node a (now on member 2) reaches node b (on member 2 or 3).
                new RuleBookRepository(onA.dataSource()).replace(setup, OnCallFile.parse(new StringReader(
                        TwoNodesTest.SETUP_FILE.replace("Bob Brown", "Robert Brown")), "changed.yaml", Instant.now()));
                await().atMost(Duration.ofSeconds(30)).until(() -> b.ruleBook().person("bob").orElseThrow().name()
                        .equals("Robert Brown"));

                assertEquals(CALLS, references.stream().distinct().count(), "reference numbers stay unique");
                Map<String, Integer> rows = await().atMost(Duration.ofSeconds(60))
                        .until(() -> endedRecords(onB, references), r -> r.size() == CALLS);
                assertTrue(rows.values().stream().allMatch(n -> n == 1), "each call's record is written once");
                System.out.printf("galera: %d calls (half per node) in %d ms; member 1 killed with kill -9 before call"
                                + " %d; %d records, %d distinct references, duplicates 0; node a's first call after the"
                                + " kill was on record %d ms after the kill%n", CALLS, callsMillis, CALLS / 3 + 1,
                        rows.size(), references.stream().distinct().count(), recovery.toMillis());
            } finally {
                a.close();
                b.close();
                ami.close();
                new RuleBookRepository(onB.dataSource()).delete(setup);
            }
        }
    }

    private static AfterhoursServer node(int id, Database database, FakeAmi ami, String setup) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "AFTERHOURS_AGI_PORT", "0",
                "AFTERHOURS_AGI_SHUTDOWN_GRACE_SECONDS", "1",
                "AFTERHOURS_NODE_ID", Integer.toString(id),
                "AFTERHOURS_AMI_PORT", Integer.toString(ami.port()),
                "AFTERHOURS_AMI_SECRET", "galera",
                "AFTERHOURS_ONCALL_SETUP", setup,
                "AFTERHOURS_ONCALL_REFRESH_SECONDS", "1",
                "AFTERHOURS_DATA_DIR", TestDatabases.targetDir("galera-node-" + id + "-" + System.nanoTime())
                        .toString()));
        return AfterhoursServer.start(AfterhoursConfig.load(Path.of("config/afterhours.properties"), environment),
                database, TestClocks.startingAt(TwoNodesTest.TUESDAY_NIGHT));
    }

    /** An emergency on {@code node}: 1, alice accepts; its reference. */
    private static String emergency(AfterhoursServer node) throws IOException {
        AsteriskSimulator.Result result = new AsteriskSimulator("127.0.0.1", node.agiPort(), Duration.ofSeconds(30))
                .play(SimulatedCall.to("afterhours?line=main").from("+13125550142", "Pat Caller")
                        .dialling("+19132016503"), new ResAgiResponder("1", 0), line -> { });
        Matcher m = REFERENCE.matcher(String.join("\n", result.commands()));
        assertTrue(m.find(), String.join("\n", result.commands()));
        return m.group(1);
    }

    /** For each of {@code references} whose record has ended: how many call_record rows it has. */
    private static Map<String, Integer> endedRecords(Database database, List<String> references) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT reference, COUNT(*) FROM call_record WHERE ended_at IS NOT NULL GROUP BY reference")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (references.contains(r.getString(1))) {
                        rows.put(r.getString(1), r.getInt(2));
                    }
                }
            }
        }
        return rows;
    }

    /** SIGKILL to the member's mariadbd, a child of this JVM, by its own process handle. */
    private static void killMember(int n) throws Exception {
        cluster.member(n).killHard();
    }
}
