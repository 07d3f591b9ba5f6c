package org.afterhours.bench;

import java.time.Duration;

/**
 * One scenario of issue 6, with its sizes for a full run and for {@code --quick}.
 *
 * @param id      a, b or c
 * @param title   what the table's heading says
 * @param profile how the generator plays the calls that are measured
 * @param warmup  (a, c) load before the window opens ((c) runs in (a)'s server JVM, after it); (b) the most time
 *                the few warm-up calls may take
 * @param measure (a, c) the window; (b) how long after the ramp the calls may take to all reach the hold
 */
record Scenario(String id, String title, LoadProfile profile, Duration warmup, Duration measure) {
    private static final Duration NONE = Duration.ZERO;
    private static final Duration RETRY = Duration.ofSeconds(1);

    Scenario withWarmup(Duration newWarmup) {
        String newTitle = title.replace("after " + warmup.toSeconds() + " s warm-up",
                "after " + newWarmup.toSeconds() + " s warm-up");
        return new Scenario(id, newTitle, profile, newWarmup, measure);
    }

    boolean held() {
        return id.equals("b");
    }

    static Scenario throughput(boolean quick) {
        int n = 200;
        // Long enough for the JIT to be done: after 5 s, afterhours still spent 18 % of its CPU compiling.
        Duration warmup = Duration.ofSeconds(quick ? 5 : 15);
        Duration measure = Duration.ofSeconds(quick ? 5 : 20);
        return new Scenario("a", "(a) Throughput: " + n + " concurrent short calls, no think time, "
                + measure.toSeconds() + " s measured after " + warmup.toSeconds() + " s warm-up",
                new LoadProfile(n, Duration.ofSeconds(1), NONE, NONE, true, RETRY), warmup, measure);
    }

    static Scenario held(boolean quick) {
        int n = quick ? 2_000 : 10_000;
        Duration ramp = Duration.ofSeconds(quick ? 2 : 10);
        Duration hold = Duration.ofSeconds(quick ? 10 : 30);
        return new Scenario("b", "(b) Held calls: " + n + " calls placed over " + ramp.toSeconds()
                + " s, each waiting " + hold.toSeconds() + " s on WAIT FOR DIGIT; server heap capped at 512 MB",
                new LoadProfile(n, ramp, NONE, hold, false, RETRY), Duration.ofSeconds(10),
                Duration.ofSeconds(quick ? 5 : 15));
    }

    static Scenario latency(boolean quick) {
        int n = quick ? 300 : 1_000;
        Duration warmup = Duration.ofSeconds(quick ? 2 : 5);
        Duration measure = Duration.ofSeconds(quick ? 5 : 10);
        Duration think = Duration.ofMillis(100);
        return new Scenario("c", "(c) Latency under load: " + n + " concurrent calls, " + think.toMillis()
                + " ms think time before every reply, " + measure.toSeconds() + " s measured after "
                + warmup.toSeconds() + " s warm-up (after (a), in the same server JVM, when both run)",
                new LoadProfile(n, Duration.ofSeconds(quick ? 1 : 2), think, think, true, RETRY), warmup, measure);
    }
}
