package org.afterhours.bench;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.afterhours.simulator.AgiEnvironmentBlock;
import org.afterhours.simulator.ResAgiArguments;
import org.afterhours.simulator.ResAgiResponder;
import org.afterhours.simulator.SimulatedCall;

/**
 * Callers arriving on their own schedule (an open loop: a slow server does not slow the arrivals), each one TCP
 * connection playing Asterisk for one whole call: a real environment block, then every command answered by a
 * {@link ResAgiResponder} of its own (the real call's replies depend on the call: reference numbers, recordings), for
 * a caller pressing the {@link CallPlan}'s keys. Optionally the caller holds at the first command that waits for a
 * key (the triage prompt) for a while before answering it.
 *
 * <p>A command's round trip is the time from our reply leaving through the socket to the server's next command line
 * arriving on the generator's event loop. Two waits that are the server's choice are not round trips and are kept
 * apart: the first command (environment to first command: accept, parse, start of the call) and, on an emergency,
 * the hold loop's polls (a WAIT FOR DIGIT answered while music on hold plays, after which the server itself waits up to
 * a second for the technician search; {@code EscalatingConnector.pace}).
 */
final class CallerGenerator implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(600);
    /** Unique ids (agi_uniqueid, agi_threadid) over every generator of the bench JVM. */
    private static final AtomicLong CALL_IDS = new AtomicLong();
    private static final long EPOCH_SECONDS = System.currentTimeMillis() / 1000;
    private static final String STATUS_PREFIX = "SET VARIABLE \"AFTERHOURS_STATUS\" \"";

    /** How a call of this generator ended. */
    enum Outcome {
        /** The call ran to HANGUP, its status (when afterhours set one) SUCCESS, and the server closed. */
        COMPLETED,
        /** afterhours' refusal at its limit: the first command set AFTERHOURS_STATUS to BUSY. */
        REFUSED_BUSY,
        /** Accepted and closed without a single command. */
        CLOSED_UNSERVED,
        /** The TCP connection could not be made. */
        CONNECT_FAILED,
        /** The connection ended in the middle of the call. */
        DROPPED,
        /** A 510 / 520 / 511 earned: the server sent what the call should not have. */
        PROTOCOL_ERROR,
        /** The call ran to its end, but afterhours set its status to something else than SUCCESS (FAILED...). */
        SCRIPT_FAILED,
        /** Still open when the generator was closed. */
        STUCK
    }

    private final int port;
    private final CallPlan plan;
    private final Duration hold;
    private final AgiClientLoops client;
    private final Recorder roundTrips = new Recorder(HIGHEST_NANOS, 3);
    private final Recorder beforeHold = new Recorder(HIGHEST_NANOS, 3);
    private final Recorder firstCommand = new Recorder(HIGHEST_NANOS, 3);
    private final Recorder holdPolls = new Recorder(HIGHEST_NANOS, 3);
    private final Recorder callTimes = new Recorder(HIGHEST_NANOS, 3);
    private final LongAdder[] outcomes = AgiClientLoops.adders(Outcome.values().length);
    private final LongAdder commandsOfCompleted = new LongAdder();
    private final LongAdder bridged = new LongAdder();
    private final Map<String, LongAdder> exceptions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger maxHolding = new AtomicInteger();
    private final AtomicLong placed = new AtomicLong();
    private final List<String> sampleDialogue = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sampleCall = new AtomicLong(-1);
    private final Map<Call, Boolean> open = new ConcurrentHashMap<>();
    private volatile Thread arrivals;
    private long windowStart;
    private long[] outcomesAtWindowStart = new long[Outcome.values().length];
    private long commandsAtWindowStart;
    private long bridgedAtWindowStart;
    private long placedAtWindowStart;

    /**
     * @param hold how long each caller waits at the first command that waits for a key before answering it; zero:
     *             every reply at once
     */
    CallerGenerator(int port, CallPlan plan, Duration hold, int threads) {
        this.port = port;
        this.plan = plan;
        this.hold = hold;
        this.client = new AgiClientLoops(threads, 30_000, () -> new Call(CALL_IDS.incrementAndGet()));
    }

    /**
     * Places {@code calls} callers evenly over {@code over} (all at once when zero), on a thread of its own, and
     * returns at once. Arrivals keep their schedule whatever the server does; one that is late is placed at once.
     */
    CallerGenerator arrive(int calls, Duration over) {
        if (arrivals != null && arrivals.isAlive()) {
            throw new IllegalStateException("the previous arrivals are still being placed");
        }
        arrivals = Thread.ofPlatform().daemon().name("bench-arrivals").start(() -> {
            long t0 = System.nanoTime();
            double step = calls <= 1 ? 0 : over.toNanos() / (double) calls;
            for (int i = 0; i < calls; i++) {
                long wait;
                while ((wait = t0 + (long) (i * step) - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                placeCall();
            }
        });
        return this;
    }

    /** Waits until the arrivals given to {@link #arrive} are all placed. */
    void awaitPlaced() throws InterruptedException {
        Thread t = arrivals;
        if (t != null) {
            t.join();
        }
    }

    boolean placing() {
        Thread t = arrivals;
        return t != null && t.isAlive();
    }

    /** Calls connected or connecting. */
    int live() {
        return live.get();
    }

    /** Calls whose caller is holding at the first key prompt right now. */
    int holding() {
        return holding.get();
    }

    long count(Outcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }

    /** The first call's dialogue ({@code >} server, {@code <} Asterisk), without the environment block. */
    List<String> sampleDialogue() {
        synchronized (sampleDialogue) {
            return List.copyOf(sampleDialogue);
        }
    }

    /** Waits until no call is open; false if some still are after {@code limit}. */
    boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while ((live.get() > 0 || placing()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return live.get() == 0 && !placing();
    }

    /** Forgets what was recorded so far: what {@link #endWindow} reports starts now. */
    void startWindow() {
        roundTrips.reset();
        beforeHold.reset();
        firstCommand.reset();
        holdPolls.reset();
        callTimes.reset();
        maxHolding.set(holding.get());
        outcomesAtWindowStart = AgiClientLoops.sums(outcomes);
        commandsAtWindowStart = commandsOfCompleted.sum();
        bridgedAtWindowStart = bridged.sum();
        placedAtWindowStart = placed.get();
        windowStart = System.nanoTime();
    }

    Window endWindow() {
        long nanos = System.nanoTime() - windowStart;
        long[] delta = AgiClientLoops.minus(AgiClientLoops.sums(outcomes), outcomesAtWindowStart);
        Map<String, Long> errors = new TreeMap<>();
        exceptions.forEach((k, v) -> errors.put(k, v.sum()));
        Map<String, Long> status = new TreeMap<>();
        statuses.forEach((k, v) -> status.put(k, v.sum()));
        return new Window(nanos, placed.get() - placedAtWindowStart, delta,
                commandsOfCompleted.sum() - commandsAtWindowStart, bridged.sum() - bridgedAtWindowStart,
                roundTrips.getIntervalHistogram(), beforeHold.getIntervalHistogram(),
                firstCommand.getIntervalHistogram(), holdPolls.getIntervalHistogram(),
                callTimes.getIntervalHistogram(), maxHolding.get(), errors, status);
    }

    /** Closes every call still open (each counted {@link Outcome#STUCK}) and the event loops. */
    @Override
    public void close() {
        Thread t = arrivals;
        if (t != null) {
            t.interrupt();
        }
        for (Call call : open.keySet()) {
            call.abandon();
        }
        client.close();
    }

    private void placeCall() {
        live.incrementAndGet();
        placed.incrementAndGet();
        client.bootstrap().connect(HOST, port).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                exceptions.computeIfAbsent("connect: " + connected.cause().getClass().getSimpleName(),
                        k -> new LongAdder()).increment();
                outcomes[Outcome.CONNECT_FAILED.ordinal()].increment();
                live.decrementAndGet();
            }
        });
    }

    private static void record(Recorder recorder, long nanos) {
        AgiClientLoops.record(recorder, nanos, HIGHEST_NANOS);
    }

    /**
     * Whether a command waits for the caller's key: WAIT FOR DIGIT, GET DATA, or a prompt (STREAM FILE, SAY ...)
     * with escape digits.
     */
    static boolean waitsForKey(String command) {
        String upper = command.toUpperCase(Locale.ROOT);
        if (upper.startsWith("WAIT FOR DIGIT") || upper.startsWith("GET DATA")) {
            return true;
        }
        if (upper.startsWith("STREAM FILE") || upper.startsWith("SAY ")) {
            // STREAM FILE <file> <escape digits>, SAY DIGITS|NUMBER|ALPHA|DATETIME <what> <escape digits> ...
            List<String> argv = ResAgiArguments.parse(command);
            return argv.size() > 3 && !argv.get(3).isEmpty();
        }
        return false;
    }

    /** One caller: Asterisk's side of one FastAGI connection. */
    private final class Call extends SimpleChannelInboundHandler<String> {
        private final long id;
        private final ResAgiResponder asterisk = new ResAgiResponder(plan.keys(), 0);
        private ChannelHandlerContext ctx;
        private long connectedAt;
        private int commands;
        private long repliedAt;
        private boolean lastWasHoldPoll;
        private boolean musicOnHold;
        private boolean held;
        private boolean pastHold;
        private boolean inHold;
        private boolean hangupCommand;
        private boolean busy;
        private boolean failed;
        private boolean wasBridged;
        private String status;
        private boolean over;
        private boolean sample;

        Call(long id) {
            this.id = id;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            connectedAt = System.nanoTime();
            open.put(this, Boolean.TRUE);
            sample = sampleCall.compareAndSet(-1, id);
            // Each caller from a number of its own, as a storm of real callers would be.
            SimulatedCall call = SimulatedCall.to(plan.script())
                    .from(String.format(Locale.ROOT, "+1312555%04d", id % 10_000), "Bench Caller " + id)
                    .dialling(plan.dialled());
            StringBuilder environment = new StringBuilder(1024);
            for (String line : AgiEnvironmentBlock.lines(call, HOST, port, EPOCH_SECONDS + "." + id, id)) {
                environment.append(line).append('\n');
            }
            send(environment.toString());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String command) {
            long arrived = System.nanoTime();
            commands++;
            long roundTrip = arrived - repliedAt;
            if (commands == 1) {
                record(firstCommand, roundTrip);
                busy = command.startsWith(STATUS_PREFIX + "BUSY\"");
            } else if (lastWasHoldPoll) {
                record(holdPolls, roundTrip);
            } else {
                record(roundTrips, roundTrip);
                if (!pastHold) {
                    record(beforeHold, roundTrip);
                }
            }
            String upper = command.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SET MUSIC")) {
                musicOnHold = upper.startsWith("SET MUSIC ON");
            }
            lastWasHoldPoll = musicOnHold && upper.startsWith("WAIT FOR DIGIT");
            wasBridged |= upper.startsWith("EXEC CONFBRIDGE");
            hangupCommand |= command.equals("HANGUP");
            if (command.startsWith(STATUS_PREFIX) && command.endsWith("\"")) {
                status = command.substring(STATUS_PREFIX.length(), command.length() - 1);
            }
            List<String> lines = asterisk.reply(command);
            // The paths played never earn 510, 520 or 511: one means the server sent something it should not.
            failed |= !lines.getLast().startsWith("200 ");
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append('\n');
            }
            if (sample) {
                sampleDialogue.add("> " + command);
                lines.forEach(line -> sampleDialogue.add("< " + line));
            }
            boolean holdHere = !held && !hold.isZero() && waitsForKey(command);
            if (!holdHere) {
                send(text.toString());
                return;
            }
            held = true;
            pastHold = true;
            inHold = true;
            maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
            ctx.executor().schedule(() -> {
                leaveHold();
                send(text.toString());
            }, hold.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void leaveHold() {
            if (inHold) {
                inHold = false;
                holding.decrementAndGet();
            }
        }

        private void send(String text) {
            if (!ctx.channel().isActive()) {
                return;
            }
            ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), text));
            repliedAt = System.nanoTime();
        }

        void abandon() {
            ChannelHandlerContext c = ctx;
            if (c != null) {
                c.executor().execute(() -> end(Outcome.STUCK));
                c.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Outcome outcome;
            if (busy) {
                outcome = Outcome.REFUSED_BUSY;
            } else if (failed) {
                outcome = Outcome.PROTOCOL_ERROR;
            } else if (commands == 0) {
                outcome = Outcome.CLOSED_UNSERVED;
            } else if (!hangupCommand) {
                outcome = Outcome.DROPPED;
            } else if (status != null && !status.equals("SUCCESS")) {
                outcome = Outcome.SCRIPT_FAILED;
            } else {
                outcome = Outcome.COMPLETED;
            }
            end(outcome);
        }

        private void end(Outcome outcome) {
            if (over) {
                return;
            }
            over = true;
            open.remove(this);
            leaveHold();
            record(callTimes, System.nanoTime() - connectedAt);
            if (status != null) {
                statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
            }
            if (outcome == Outcome.COMPLETED) {
                commandsOfCompleted.add(commands);
                if (wasBridged) {
                    bridged.increment();
                }
            }
            outcomes[outcome.ordinal()].increment();
            live.decrementAndGet();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            String what = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            exceptions.computeIfAbsent(what, k -> new LongAdder()).increment();
            ctx.close();
        }
    }

    /**
     * What happened between {@link #startWindow} and {@link #endWindow}.
     *
     * @param nanos        length of the window
     * @param placed       calls placed in the window
     * @param outcomes     calls that ended in the window, by {@link Outcome} ordinal
     * @param commands     commands of the calls completed in the window
     * @param bridged      completed calls that reached EXEC ConfBridge
     * @param roundTrips   every reply → next command, but the first command and the hold loop's polls
     * @param beforeHold   the round trips before the caller's hold
     * @param firstCommand environment → first command
     * @param holdPolls    the emergency hold loop's WAIT FOR DIGIT → next command (the server paces them)
     * @param callTimes    connect → close, of every call that ended
     * @param maxHolding   most callers holding at once
     * @param exceptions   socket errors seen by the generator since it started, by kind
     * @param statuses     AFTERHOURS_STATUS values the calls ended with, since the generator started
     */
    record Window(long nanos, long placed, long[] outcomes, long commands, long bridged, Histogram roundTrips,
                  Histogram beforeHold, Histogram firstCommand, Histogram holdPolls, Histogram callTimes,
                  int maxHolding, Map<String, Long> exceptions, Map<String, Long> statuses) {
        long count(Outcome outcome) {
            return outcomes[outcome.ordinal()];
        }

        long completed() {
            return count(Outcome.COMPLETED);
        }

        /** Every call that ended otherwise than completed. */
        long failed() {
            long all = 0;
            for (long n : outcomes) {
                all += n;
            }
            return all - completed();
        }

        /** The failures by kind, e.g. {@code dropped 3, connect-failed 1}; "none". */
        String failures() {
            List<String> parts = new ArrayList<>();
            for (Outcome o : Outcome.values()) {
                if (o != Outcome.COMPLETED && count(o) > 0) {
                    parts.add(o.name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + count(o));
                }
            }
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }

        double seconds() {
            return nanos / 1e9;
        }
    }
}
