package org.afterhours.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("clock")
class BlockReferenceNumbersTest {
    @TempDir
    Path dir;

    private final AtomicLong sharedCounter = new AtomicLong();
    private final AtomicBoolean databaseDown = new AtomicBoolean();

    private final ReferenceBlockSource database = () -> {
        if (databaseDown.get()) {
            throw new IllegalStateException("database down");
        }
        return sharedCounter.getAndIncrement();
    };

    /** 2026-03-03T02:10:00Z: 1772503800 seconds since the epoch, whose last five digits are 03800. */
    private static final Instant T0 = Instant.parse("2026-03-03T02:10:00Z");
    private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private BlockReferenceNumbers node(int id) {
        return new BlockReferenceNumbers(database, dir.resolve("node-" + id + "-offline"), id, Runnable::run, clock);
    }

    private static List<String> take(BlockReferenceNumbers numbers, int count) {
        return IntStream.range(0, count).mapToObj(i -> numbers.next().digits()).toList();
    }

    @Test
    void numbers_are_seven_digits_counting_up_through_a_block() {
        assertEquals(List.of("1000000", "1000001", "1000002"), take(node(0), 3));
    }

    @Test
    void a_node_just_started_waits_for_its_first_block_instead_of_using_its_offline_range() throws Exception {
        java.util.concurrent.CountDownLatch databaseAnswers = new java.util.concurrent.CountDownLatch(1);
        ReferenceBlockSource slow = () -> {
            try {
                databaseAnswers.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return 4;
        };
        BlockReferenceNumbers fresh = new BlockReferenceNumbers(slow, dir.resolve("fresh-offline"), 3,
                command -> Thread.ofVirtual().start(command));

        assertFalse(fresh.awaitFirstBlock(java.time.Duration.ofMillis(1)), "the database has not answered yet");
        databaseAnswers.countDown();
        assertTrue(fresh.awaitFirstBlock(java.time.Duration.ofSeconds(10)));

        assertEquals("1000400", fresh.next().digits()); // block 4 of 100 numbers
    }

    @Test
    void with_the_database_down_the_wait_ends_and_the_offline_range_is_used() throws Exception {
        databaseDown.set(true);
        BlockReferenceNumbers alone = node(4);

        assertFalse(alone.awaitFirstBlock(java.time.Duration.ofSeconds(10)));
        assertEquals('9', alone.next().digits().charAt(0));
    }

    @Test
    void two_nodes_sharing_a_database_never_hand_out_the_same_number() {
        BlockReferenceNumbers first = node(1);
        BlockReferenceNumbers second = node(2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(first.next().digits()));
            assertTrue(seen.add(second.next().digits()));
        }
        assertTrue(seen.stream().allMatch(n -> n.length() == 7 && n.charAt(0) != '9'));
    }

    @Test
    void blocks_spaced_as_a_three_member_galera_cluster_spaces_ids_still_give_distinct_numbers() {
        // Member k of a three-member cluster hands out ids k, k + 3, k + 6, ...: blocks are never consecutive.
        AtomicLong[] members = {new AtomicLong(0), new AtomicLong(1), new AtomicLong(2)};
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < 3; k++) {
            AtomicLong member = members[k];
            BlockReferenceNumbers node = new BlockReferenceNumbers(() -> member.getAndAdd(3),
                    dir.resolve("member-" + k), k, Runnable::run);
            for (String number : take(node, 1000)) {
                assertTrue(seen.add(number), number + " handed out twice");
            }
        }
        assertEquals(3000, seen.size());
        assertTrue(seen.stream().allMatch(n -> n.length() == 7 && n.charAt(0) != '9'), "all from shared blocks");
    }

    @Test
    void a_restarted_node_starts_a_new_block_instead_of_repeating_the_old_one() {
        List<String> before = take(node(0), 5);
        List<String> after = take(node(0), 5);
        assertTrue(after.stream().noneMatch(before::contains));
    }

    @Test
    void with_the_database_down_a_node_uses_its_own_range_and_a_restart_does_not_repeat_it() {
        databaseDown.set(true);
        assertEquals(List.of("9303800", "9303801"), take(node(3), 2));
        assertEquals(List.of("9303802"), take(node(3), 1), "the offline counter survives a restart");
        assertEquals(List.of("9403800"), take(node(4), 1), "each node has its own range");
    }

    @Test
    void a_node_whose_data_folder_was_lost_does_not_repeat_its_offline_numbers() throws Exception {
        databaseDown.set(true);
        List<String> before = take(node(3), 3);
        Files.delete(dir.resolve("node-3-offline")); // a new host or container: the counter file is gone
        clock = Clock.fixed(T0.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        List<String> after = take(node(3), 3);
        assertEquals(List.of("9303860", "9303861", "9303862"), after);
        assertTrue(after.stream().noneMatch(before::contains), before + " " + after);
    }

    @Test
    void when_the_database_comes_back_the_node_returns_to_shared_blocks() {
        databaseDown.set(true);
        BlockReferenceNumbers numbers = node(0);
        assertEquals("9003800", numbers.next().digits());
        databaseDown.set(false);
        numbers.next(); // fetches a block in the background (here: in line)
        assertTrue(numbers.next().digits().startsWith("1"));
    }
}
