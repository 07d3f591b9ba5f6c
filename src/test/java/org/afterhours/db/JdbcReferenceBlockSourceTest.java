package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.afterhours.calllog.BlockReferenceNumbers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("clock")
class JdbcReferenceBlockSourceTest {
    @TempDir
    Path dir;

    @Test
    void two_nodes_taking_numbers_at_once_from_one_database_never_share_one() throws Exception {
        JdbcReferenceBlockSource database = new JdbcReferenceBlockSource(TestDatabases.shared().dataSource(),
                "test", Clock.systemUTC());
        BlockReferenceNumbers node1 = new BlockReferenceNumbers(database, dir.resolve("n1"), 1, Runnable::run);
        BlockReferenceNumbers node2 = new BlockReferenceNumbers(database, dir.resolve("n2"), 2, Runnable::run);
        List<Future<String>> numbers = new ArrayList<>();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1000; i++) {
                BlockReferenceNumbers node = i % 2 == 0 ? node1 : node2;
                numbers.add(calls.submit(() -> node.next().digits()));
            }
        }
        Set<String> distinct = new HashSet<>();
        for (Future<String> number : numbers) {
            String digits = number.get();
            assertTrue(digits.matches("[1-8][0-9]{6}"), digits + " comes from a shared block");
            distinct.add(digits);
        }
        assertEquals(1000, distinct.size());
    }
}
