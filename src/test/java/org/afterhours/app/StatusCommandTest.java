package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code afterhours status} as a supervisor or monitor reads it: a line, and an exit code. */
@Tag("clock")
class StatusCommandTest {
    private static final Instant T0 = Instant.parse("2026-03-03T02:10:00Z");
    private static final Clock NOW = Clock.fixed(T0.plusSeconds(4), ZoneOffset.UTC);
    private static final long US = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private int status(Health written) throws Exception {
        if (written != null) {
            Files.writeString(dir.resolve("status"), written.toProperties());
        }
        return StatusCommand.report(dir.resolve("status"), NOW, new PrintWriter(out));
    }

    @Test
    void a_healthy_node_says_so_and_exits_0() throws Exception {
        assertEquals(0, status(new Health(T0, US, true, "UP", "CONNECTED", 0, 3)));
        assertTrue(out.toString().startsWith("healthy: database UP, AMI CONNECTED, journal backlog 0 event(s), "
                + "live calls 3"), out.toString());
    }

    @Test
    void the_database_down_is_degraded_with_the_backlog_and_exits_1() throws Exception {
        assertEquals(1, status(new Health(T0, US, false, "DOWN (embedded, restarted 1 time(s))", "CONNECTED", 462,
                12)));
        assertTrue(out.toString().contains("DEGRADED: database DOWN (embedded, restarted 1 time(s)), AMI CONNECTED, "
                + "journal backlog 462 event(s), live calls 12"), out.toString());
    }

    @Test
    void the_manager_interface_down_is_degraded_but_not_set_up_is_a_choice() {
        assertTrue(new Health(T0, US, true, "UP", "DISCONNECTED", 0, 0).degraded());
        assertFalse(new Health(T0, US, true, "UP", "NOT_SET_UP", 0, 0).degraded());
    }

    @Test
    void a_backlog_the_writer_does_not_keep_up_with_is_degraded() {
        assertTrue(new Health(T0, US, true, "UP", "CONNECTED", Health.BACKLOG_LIMIT, 0).degraded());
    }

    @Test
    void no_status_file_means_not_running_and_exits_3() throws Exception {
        assertEquals(3, status(null));
        assertTrue(out.toString().startsWith("not running"), out.toString());
    }

    @Test
    void a_status_file_left_by_a_dead_process_means_not_running() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertEquals(3, status(new Health(T0, gone.pid(), true, "UP", "CONNECTED", 0, 0)));
    }

    @Test
    void a_status_file_no_longer_rewritten_means_not_running() throws Exception {
        assertEquals(3, status(new Health(T0.minusSeconds(120), US, true, "UP", "CONNECTED", 0, 0)));
        assertTrue(out.toString().contains("stopped checking"), out.toString());
    }
}
