package org.afterhours.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What a server's JVM says about itself over the control channel.
 *
 * @param heapUsed    bytes of Java heap in use (after two full collections when asked with {@code gc})
 * @param threads     live platform threads of the JVM (virtual threads are not threads of the OS and not counted)
 * @param peakThreads most live platform threads since the JVM started
 * @param rss         resident set of the process, bytes (heap, thread stacks, code, everything)
 * @param calls       calls the server itself counts as live (afterhours: admitted calls; asterisk-java: pool
 *                    threads busy; ceiling: open connections)
 * @param cpuNanos    CPU time the whole process has used so far, user and system, all threads
 * @param jitNanos    of which the JIT compiler threads (C1, C2)
 * @param gcNanos     of which the garbage collector's threads
 */
record ServerStats(long heapUsed, int threads, int peakThreads, long rss, int calls, long cpuNanos, long jitNanos,
                   long gcNanos) {

    String format() {
        return "heapUsed=" + heapUsed + " threads=" + threads + " peakThreads=" + peakThreads + " rss=" + rss
                + " calls=" + calls + " cpu=" + cpuNanos + " jit=" + jitNanos + " gc=" + gcNanos;
    }

    static ServerStats parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        try {
            return new ServerStats(Long.parseLong(fields.get("heapUsed")), Integer.parseInt(fields.get("threads")),
                    Integer.parseInt(fields.get("peakThreads")), Long.parseLong(fields.get("rss")),
                    Integer.parseInt(fields.get("calls")), Long.parseLong(fields.get("cpu")),
                    Long.parseLong(fields.get("jit")), Long.parseLong(fields.get("gc")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable stats from the server: " + line, e);
        }
    }
}
