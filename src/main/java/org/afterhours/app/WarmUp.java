package org.afterhours.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.afterhours.agi.server.AgiScriptRouter;
import org.afterhours.agi.server.AgiServer;
import org.afterhours.agi.server.AgiServerSettings;
import org.afterhours.agi.server.SessionListener;
import org.afterhours.callflow.AfterHoursScript;
import org.afterhours.callflow.OptionalPrompts;
import org.afterhours.callflow.TechnicianConnector;
import org.afterhours.callflow.VoicemailAlerts;
import org.afterhours.calllog.CallJournal;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.RuleBook;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.SimulatedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the FastAGI port opens, plays information calls (the longest path that touches nobody) through the real
 * call flow, transport and journal code on a private loopback port, so that the first callers after a start (a
 * restart during an outage brings a storm) are not the ones who pay for class loading and the JIT: a cold server
 * answered its first storm's keys in seconds (BENCHMARKS.md). Nothing of it reaches anyone: its calls have their
 * own journal in a folder deleted afterwards, no database writer, reference numbers of their own, and a clock moved
 * to after hours only for them.
 */
final class WarmUp {
    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    private static final int AT_ONCE = 16;
    private static final Duration BUDGET = Duration.ofSeconds(20);

    private WarmUp() {
    }

    /** What the warm-up played: calls through to their end, and the AGI commands they took. */
    record Played(int calls, int commands) {
    }

    static Played run(int calls, AfterhoursConfig config, RuleBook rules, TechnicianConnector technicians,
                   OptionalPrompts prompts, Clock clock) {
        if (calls <= 0) {
            return new Played(0, 0);
        }
        Path folder = config.dataDir().resolve("warm-up-journal");
        long started = System.nanoTime();
        AtomicInteger played = new AtomicInteger();
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (CallJournal journal = CallJournal.open(folder, "warm-up")) {
            AfterHoursScript script = new AfterHoursScript(rules, () -> new ReferenceNumber("0000000"), journal,
                    config.flow().withSimulatedTime(true), technicians, NO_ALERTS, clock, prompts);
            AgiServer server = new AgiServer(AgiServerSettings.defaults().withPort(0),
                    new AgiScriptRouter().register(AfterHoursScript.PATH, script), SessionListener.NONE, clock).start();
            try {
                play(calls, server.port(), played, commands, failed, started);
            } finally {
                server.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Played(played.get(), commands.get());
        } finally {
            delete(folder);
        }
        log.info("warmed up before opening the FastAGI port: {} information call(s), {} AGI commands, through the call"
                + " flow in {} ms{}", played.get(), commands.get(), (System.nanoTime() - started) / 1_000_000,
                failed.get() > 0 ? " (" + failed.get() + " failed: see above)" : "");
        return new Played(played.get(), commands.get());
    }

    private static void play(int calls, int port, AtomicInteger played, AtomicInteger commands, AtomicInteger failed,
                             long started) throws InterruptedException {
        AsteriskSimulator asterisk = new AsteriskSimulator("127.0.0.1", port, Duration.ofSeconds(10));
        SimulatedCall call = SimulatedCall.to(AfterHoursScript.PATH + "?simulate=after-hours")
                .from("+10000000000", "warm-up").pressing("22");
        AtomicInteger left = new AtomicInteger(calls);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < AT_ONCE; i++) {
                callers.execute(() -> {
                    while (left.getAndDecrement() > 0 && System.nanoTime() - started < BUDGET.toNanos()) {
                        try {
                            commands.addAndGet(asterisk.play(call, line -> { }).commands().size());
                            played.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                            if (failed.getAndIncrement() == 0) {
                                log.warn("a warm-up call failed: {}", e.toString());
                            }
                        }
                    }
                });
            }
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the warm-up journal in " + folder, e);
        }
    }

    private static final VoicemailAlerts NO_ALERTS = new VoicemailAlerts() {
        @Override
        public void voicemailLeft(ReferenceNumber reference, Line line, String recordingPath, boolean urgent) {
        }

        @Override
        public void recordingFailed(ReferenceNumber reference, Line line, String recordingPath, String reason) {
        }
    };
}
