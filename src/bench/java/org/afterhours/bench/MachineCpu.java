package org.afterhours.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of the machine from /proc: how busy the cores were in a window, and how much of it went to processes
 * other than the bench's own (other people's builds and tests on a shared machine).
 */
final class MachineCpu {
    /** Linux reports /proc times in USER_HZ ticks, 100 a second on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private static final long KTHREADD = 2;

    private MachineCpu() {
    }

    /** Busy CPU time of all cores since boot (all but idle and iowait), in nanoseconds; -1 if unreadable. */
    static long busyNanos() {
        long[] f = machineFields();
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += f[i];
        }
        return f.length < 9 ? -1 : nanos(total - f[4] - f[5]);
    }

    /**
     * CPU ticks of every user-space process but {@code ours}. A lower bound of what others used in a window: a
     * process that starts and ends inside it is missed (its reaped time reaches its parent's children's time, which
     * also holds older children's and is not counted for that reason).
     */
    static Map<Long, Long> otherProcesses(Set<Long> ours) {
        Map<Long, Long> ticks = new HashMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // After "(comm) ": state, ppid, ...; utime and stime are fields 14 and 15.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ppid = Long.parseLong(f[1]);
                    if (ours.contains(pid) || pid == KTHREADD || ppid == KTHREADD) {
                        continue;
                    }
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** Nanoseconds the other processes used between two {@link #otherProcesses} snapshots. */
    static long between(Map<Long, Long> before, Map<Long, Long> after) {
        long ticks = 0;
        for (var e : after.entrySet()) {
            ticks += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return nanos(Math.max(0, ticks));
    }

    /** The first line of /proc/stat: cpu user nice system idle iowait irq softirq steal ... (index 0 unused). */
    private static long[] machineFields() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long[] values = new long[f.length];
            for (int i = 1; i < f.length; i++) {
                values[i] = Long.parseLong(f[i]);
            }
            return values;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    private static long nanos(long ticks) {
        return (long) (ticks / TICKS_PER_SECOND * 1e9);
    }
}
