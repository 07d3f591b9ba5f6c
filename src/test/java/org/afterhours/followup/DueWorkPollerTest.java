package org.afterhours.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.afterhours.MovableClock;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.JdbcAfterCallLog;
import org.afterhours.db.JdbcDueWorkQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deadlines live in MariaDB and fire once across nodes, on an injected clock: before its time nothing fires, at its
 * time it fires once, a node that restarts (or dies holding a claim) loses nothing, and two nodes racing for the
 * same items fire each exactly once.
 */
@Tag("clock")
class DueWorkPollerTest {
    /** Far from any instant another test or a real clock schedules at, so only our items are ever due. */
    private static final Instant KEPT = Instant.parse("2001-03-04T02:14:00Z");
    private static final PollerSettings SETTINGS = new PollerSettings(Duration.ofSeconds(5), Duration.ofMinutes(5),
            10, 3, Duration.ofMinutes(1), Duration.ofMinutes(30));

    private final DueTables tables = new DueTables();
    private final JdbcDueWorkQueue queue = new JdbcDueWorkQueue(tables.dataSource);
    private final JdbcAfterCallLog record = new JdbcAfterCallLog(tables.dataSource);
    private final MovableClock clock = new MovableClock(KEPT);
    private final Map<String, AtomicInteger> fired = new ConcurrentHashMap<>();

    @AfterEach
    void deleteOurRows() throws SQLException {
        tables.deleteOurs();
    }

    private DueHandler counting() {
        return item -> {
            fired.computeIfAbsent(item.reference() + "/" + item.step(), k -> new AtomicInteger()).incrementAndGet();
            return "counted";
        };
    }

    private DueWorkPoller poller(String node, DueHandler handler) {
        return new DueWorkPoller(queue, Map.of(DueKind.MESSAGE_ESCALATION, handler), record, node, clock, SETTINGS);
    }

    private void scheduleSteps(ReferenceNumber reference) {
        queue.schedule(List.of(
                DueWork.at(reference, DueKind.MESSAGE_ESCALATION, 1, KEPT.plus(Duration.ofMinutes(15))),
                DueWork.at(reference, DueKind.MESSAGE_ESCALATION, 2, KEPT.plus(Duration.ofMinutes(30))),
                DueWork.at(reference, DueKind.MESSAGE_ESCALATION, 3, KEPT.plus(Duration.ofMinutes(45)))));
    }

    @Test
    void each_step_fires_when_its_time_comes_and_not_a_millisecond_before() throws SQLException {
        ReferenceNumber reference = tables.reference(1);
        scheduleSteps(reference);
        DueWorkPoller poller = poller("node-a", counting());

        clock.set(KEPT.plus(Duration.ofMinutes(15)).minusMillis(1));
        poller.pollOnce();
        assertEquals(Map.of(), snapshot());

        clock.set(KEPT.plus(Duration.ofMinutes(15)));
        poller.pollOnce();
        assertEquals(Map.of(reference + "/1", 1), snapshot());

        clock.set(KEPT.plus(Duration.ofMinutes(44)));
        poller.pollOnce();
        poller.pollOnce();
        assertEquals(Map.of(reference + "/1", 1, reference + "/2", 1), snapshot());
        assertEquals("MESSAGE_ESCALATION:1:DONE:1 MESSAGE_ESCALATION:2:DONE:1 MESSAGE_ESCALATION:3:PENDING:0",
                tables.state(reference));
        assertEquals("counted", tables.text("SELECT result FROM due_work WHERE reference = ? AND step = 1", reference));
    }

    @Test
    void scheduling_the_same_deadline_twice_keeps_one() throws SQLException {
        ReferenceNumber reference = tables.reference(2);
        scheduleSteps(reference);
        scheduleSteps(reference);
        assertEquals("3", tables.text("SELECT COUNT(*) FROM due_work WHERE reference = ?", reference));
    }

    @Test
    void a_restart_in_the_middle_of_the_clock_loses_nothing_and_repeats_nothing() throws Exception {
        ReferenceNumber reference = tables.reference(3);
        scheduleSteps(reference);
        clock.set(KEPT.plus(Duration.ofMinutes(20)));
        DueWorkPoller before = poller("node-a", counting()).start();
        before.close();
        poller("node-a", counting()).pollOnce(); // whatever the started one did or not, step 1 is done once
        assertEquals(Map.of(reference + "/1", 1), snapshot());

        clock.set(KEPT.plus(Duration.ofMinutes(50)));
        DueWorkPoller after = poller("node-a", counting()); // a new process on the same table
        after.pollOnce();
        after.pollOnce();
        assertEquals(Map.of(reference + "/1", 1, reference + "/2", 1, reference + "/3", 1), snapshot());
    }

    @Test
    void a_node_that_stops_mid_batch_hands_back_what_it_has_not_fired() throws Exception {
        ReferenceNumber reference = tables.reference(8);
        scheduleSteps(reference);
        clock.set(KEPT.plus(Duration.ofMinutes(50)));
        DueWorkPoller[] stopping = new DueWorkPoller[1];
        DueHandler counting = counting();
        stopping[0] = poller("node-a", item -> {
            String result = counting.fire(item);
            try {
                stopping[0].close(); // the node is told to stop while it works on the first item
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return result;
        });
        stopping[0].pollOnce();
        assertEquals("MESSAGE_ESCALATION:1:DONE:1 MESSAGE_ESCALATION:2:PENDING:1 MESSAGE_ESCALATION:3:PENDING:1",
                tables.state(reference));

        poller("node-b", counting).pollOnce();
        assertEquals(Map.of(reference + "/1", 1, reference + "/2", 1, reference + "/3", 1), snapshot());
    }

    @Test
    void a_claim_left_by_a_node_that_died_is_taken_over_after_its_lease() throws SQLException {
        ReferenceNumber reference = tables.reference(4);
        queue.schedule(List.of(DueWork.at(reference, DueKind.MESSAGE_ESCALATION, 1, KEPT)));
        List<DueWork> claimedByTheDead = queue.claim("node-dead", KEPT, SETTINGS.lease(), 10);
        assertTrue(claimedByTheDead.stream().anyMatch(d -> d.reference().equals(reference)));

        DueWorkPoller survivor = poller("node-b", counting());
        clock.set(KEPT.plus(SETTINGS.lease()).minusMillis(1));
        survivor.pollOnce();
        assertEquals(Map.of(), snapshot(), "within the lease the claim stands");

        clock.set(KEPT.plus(SETTINGS.lease()));
        survivor.pollOnce();
        assertEquals(Map.of(reference + "/1", 1), snapshot());
        assertEquals("MESSAGE_ESCALATION:1:DONE:2", tables.state(reference));

        // The dead node coming back cannot overwrite what the survivor did.
        queue.failed(claimedByTheDead.get(0), "node-dead", "late", KEPT.plus(Duration.ofHours(1)));
        assertEquals("MESSAGE_ESCALATION:1:DONE:2", tables.state(reference));
    }

    @Test
    void two_nodes_racing_for_the_same_items_fire_each_exactly_once() throws Exception {
        List<ReferenceNumber> references = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            references.add(tables.reference(100 + i));
        }
        for (ReferenceNumber reference : references) {
            queue.schedule(List.of(DueWork.at(reference, DueKind.MESSAGE_ESCALATION, 1, KEPT)));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        // Each node's first fire waits for the other's: both hold claims at the same moment, so the second claim
        // runs while the first node's items are taken, and both keep claiming from the same rows afterwards.
        CyclicBarrier bothFiring = new CyclicBarrier(2);
        DueHandler counting = counting();
        try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (String node : List.of("node-a", "node-b")) {
                AtomicInteger firstFire = new AtomicInteger();
                DueWorkPoller poller = poller(node, item -> {
                    if (firstFire.getAndIncrement() == 0) {
                        awaitGuarded(bothFiring);
                    }
                    return counting.fire(item);
                });
                rounds.add(nodes.submit(() -> {
                    together.await();
                    return poller.pollOnce();
                }));
            }
            for (Future<Integer> round : rounds) {
                round.get();
            }
        }
        for (ReferenceNumber reference : references) {
            assertEquals(1, fired.get(reference + "/1").get(), reference + " fired once");
            assertEquals("MESSAGE_ESCALATION:1:DONE:1", tables.state(reference));
        }
        assertEquals("2", countDistinctNodes(references), "both nodes claimed some");
    }

    @Test
    void a_row_another_node_is_claiming_is_skipped_not_waited_for() throws SQLException {
        ReferenceNumber reference = tables.reference(5);
        queue.schedule(List.of(DueWork.at(reference, DueKind.MESSAGE_ESCALATION, 1, KEPT)));
        try (Connection otherNode = tables.dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            try (PreparedStatement s = otherNode.prepareStatement(
                    "SELECT id FROM due_work WHERE reference = ? FOR UPDATE")) {
                s.setString(1, reference.digits());
                s.executeQuery().close();
            }
            poller("node-b", counting()).pollOnce(); // would wait for the lock (and time out) without SKIP LOCKED
            assertEquals(Map.of(), snapshot());
            otherNode.rollback();
        }
        poller("node-b", counting()).pollOnce();
        assertEquals(Map.of(reference + "/1", 1), snapshot());
    }

    @Test
    void a_failing_item_is_retried_with_growing_pauses_then_failed_for_good_and_recorded() throws SQLException {
        ReferenceNumber reference = tables.reference(6);
        queue.schedule(List.of(DueWork.at(reference, DueKind.MESSAGE_ESCALATION, 1, KEPT)));
        AtomicInteger tries = new AtomicInteger();
        DueWorkPoller poller = poller("node-a", item -> {
            tries.incrementAndGet();
            throw new IllegalStateException("SMTP server down");
        });
        poller.pollOnce();
        assertEquals("MESSAGE_ESCALATION:1:PENDING:1", tables.state(reference));
        assertEquals(KEPT.plus(Duration.ofMinutes(1)).toString(), dueAt(reference));

        clock.set(KEPT.plus(Duration.ofMinutes(1)));
        poller.pollOnce();
        assertEquals(KEPT.plus(Duration.ofMinutes(3)).toString(), dueAt(reference), "then two minutes");

        clock.set(KEPT.plus(Duration.ofMinutes(3)));
        poller.pollOnce();
        assertEquals(3, tries.get());
        assertEquals("MESSAGE_ESCALATION:1:FAILED:3", tables.state(reference));
        assertEquals("IllegalStateException: SMTP server down",
                tables.text("SELECT result FROM due_work WHERE reference = ?", reference));
        assertEquals("DUE_WORK_FAILED MESSAGE_ESCALATION: IllegalStateException: SMTP server down",
                tables.text("SELECT CONCAT(type, ' ', detail) FROM after_call_event WHERE reference = ?", reference));
    }

    /** Waits for the other node; the timeout only turns a broken claim into a failure instead of a hung build. */
    private static void awaitGuarded(CyclicBarrier barrier) {
        try {
            barrier.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other node never fired: " + e, e);
        }
    }

    private Map<String, Integer> snapshot() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        fired.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private String dueAt(ReferenceNumber reference) throws SQLException {
        return tables.text("SELECT DATE_FORMAT(due_at, '%Y-%m-%dT%H:%i:%sZ') FROM due_work WHERE reference = ?",
                reference);
    }

    private String countDistinctNodes(List<ReferenceNumber> references) throws SQLException {
        try (Connection c = tables.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(DISTINCT claimed_by) FROM due_work WHERE reference BETWEEN ? AND ?")) {
            s.setString(1, references.get(0).digits());
            s.setString(2, references.get(references.size() - 1).digits());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
