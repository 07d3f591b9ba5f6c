package org.afterhours.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel says about one process, read from /proc without its cooperation: the shipped {@code serve} has no
 * control port, and the same reading for asterisk-java keeps the two sides of a comparison alike.
 *
 * @param cpuNanos CPU time of all its threads so far, user and system (USER_HZ ticks: 10 ms resolution)
 * @param rss      resident set, bytes
 * @param threads  its OS threads: every platform thread of a JVM (Java threads, GC, JIT, VM); virtual threads are not
 *                 OS threads
 * @param jitNanos of {@code cpuNanos}, a JVM's JIT compiler threads' (C1, C2), by their thread names; 0 otherwise
 * @param gcNanos  of {@code cpuNanos}, a JVM's garbage collector threads'
 */
record ProcessFigures(long cpuNanos, long rss, int threads, long jitNanos, long gcNanos) {
    static final ProcessFigures GONE = new ProcessFigures(-1, -1, -1, 0, 0);
    private static final long NANOS_PER_TICK = 10_000_000L;

    static ProcessFigures of(long pid) {
        if (pid <= 0) {
            return GONE;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After "(comm) ": state is field 3; utime and stime are fields 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
            long rss = -1;
            int threads = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
            long[] jitAndGc = jitAndGc(pid);
            return new ProcessFigures(cpu, rss, threads, jitAndGc[0], jitAndGc[1]);
        } catch (IOException | RuntimeException gone) {
            return GONE;
        }
    }

    /** The CPU time of the JIT compiler and GC threads (ns), from each thread's own /proc entry. */
    private static long[] jitAndGc(long pid) {
        long jit = 0;
        long gc = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    boolean isJit = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
                    // G1's workers ("GC Thread#0", "G1 Conc#0", "G1 Refine#0", "G1 Service"), ZGC's ("ZWorker"...)
                    boolean isGc = name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("Z");
                    if (!isJit && !isGc) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
                    if (isJit) {
                        jit += nanos;
                    } else {
                        gc += nanos;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return new long[] {0, 0};
        }
        return new long[] {jit, gc};
    }

    /** CPU used between {@code earlier} and this reading; 0 when either is missing. */
    long cpuSince(ProcessFigures earlier) {
        return cpuNanos < 0 || earlier.cpuNanos < 0 ? 0 : cpuNanos - earlier.cpuNanos;
    }
}
