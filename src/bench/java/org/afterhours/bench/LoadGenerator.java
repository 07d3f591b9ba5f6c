package org.afterhours.bench;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
import org.afterhours.simulator.SimulatedCall;

/**
 * Plays Asterisk for many calls at once over real TCP, on netty's non-blocking client: each call is a connection
 * that sends a real environment block ({@link AgiEnvironmentBlock}) and answers every command with the reply strings
 * of res_agi ({@link org.afterhours.simulator.ResAgiResponder}, through {@link ReplayingResponder}), after the
 * profile's think time. A command's round trip is the time from our
 * reply (or, for the first command, our environment) leaving through the socket to the server's next command line
 * arriving on the generator's event loop.
 */
final class LoadGenerator implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final SimulatedCall CALL = SimulatedCall.to(CallScript.SCRIPT_PATH)
            .from("0612345678", "Bench Caller").dialling("100");

    private final int port;
    private final LoadProfile profile;
    private final AgiClientLoops client;
    private final ReplayingResponder asterisk = new ReplayingResponder(CallScript.CALLER_KEYS);
    private final Recorder roundTrips = new Recorder(HIGHEST_NANOS, 3);
    private final Recorder beforeHold = new Recorder(HIGHEST_NANOS, 3);
    private final Recorder firstCommand = new Recorder(HIGHEST_NANOS, 3);
    private final LongAdder[] outcomes = AgiClientLoops.adders(CallOutcome.values().length);
    private final Map<String, LongAdder> exceptions = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger maxHolding = new AtomicInteger();
    private final AtomicLong callIds = new AtomicLong();
    private final List<String> sampleDialogue = Collections.synchronizedList(new ArrayList<>());
    private final long epochSeconds = System.currentTimeMillis() / 1000;
    private volatile boolean placing = true;
    private volatile boolean rampDone;
    private long windowStart;
    private long[] outcomesAtWindowStart = new long[outcomes.length];

    LoadGenerator(int port, LoadProfile profile, int threads) {
        this.port = port;
        this.profile = profile;
        this.client = new AgiClientLoops(threads, 15_000, () -> new Call(callIds.incrementAndGet()));
    }

    /** Places the first {@code concurrency} calls evenly over the ramp-up, on a thread of its own. */
    LoadGenerator start() {
        Thread.ofPlatform().daemon().name("bench-ramp").start(() -> {
            long t0 = System.nanoTime();
            long step = profile.rampUp().toNanos() / Math.max(1, profile.concurrency());
            for (int i = 0; i < profile.concurrency() && placing; i++) {
                long wait;
                while ((wait = t0 + i * step - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                placeCall();
            }
            rampDone = true;
        });
        return this;
    }

    boolean rampDone() {
        return rampDone;
    }

    /** Calls connected or connecting. */
    int live() {
        return live.get();
    }

    /** Calls waiting for the caller's key right now. */
    int holding() {
        return holding.get();
    }

    long count(CallOutcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }

    /** The commands and replies of the first call, as the simulator prints them. */
    List<String> sampleDialogue() {
        synchronized (sampleDialogue) {
            return List.copyOf(sampleDialogue);
        }
    }

    /** Forgets what was recorded so far: what {@link #endWindow} reports starts now. */
    void startWindow() {
        roundTrips.reset();
        beforeHold.reset();
        firstCommand.reset();
        maxHolding.set(holding.get());
        outcomesAtWindowStart = AgiClientLoops.sums(outcomes);
        windowStart = System.nanoTime();
    }

    Window endWindow() {
        long nanos = System.nanoTime() - windowStart;
        long[] delta = AgiClientLoops.minus(AgiClientLoops.sums(outcomes), outcomesAtWindowStart);
        Map<String, Long> errors = new TreeMap<>();
        exceptions.forEach((k, v) -> errors.put(k, v.sum()));
        return new Window(nanos, delta, roundTrips.getIntervalHistogram(), beforeHold.getIntervalHistogram(),
                firstCommand.getIntervalHistogram(), maxHolding.get(), errors);
    }

    /** No call is placed from now on; the ones in progress go on. */
    void stopPlacing() {
        placing = false;
    }

    /** Waits until every call in progress has ended; false if some are still going after {@code limit}. */
    boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (live.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return live.get() == 0;
    }

    @Override
    public void close() {
        placing = false;
        client.close();
    }

    private void placeCall() {
        if (!placing) {
            return;
        }
        live.incrementAndGet();
        client.bootstrap().connect(HOST, port).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                exceptions.computeIfAbsent("connect: " + connected.cause().getClass().getSimpleName(),
                        k -> new LongAdder()).increment();
                ended(CallOutcome.CONNECT_FAILED, connected.channel().eventLoop());
            }
        });
    }

    private void ended(CallOutcome outcome, EventLoop loop) {
        outcomes[outcome.ordinal()].increment();
        live.decrementAndGet();
        if (profile.repeat() && placing) {
            if (outcome == CallOutcome.COMPLETED || profile.retryDelay().isZero()) {
                placeCall();
            } else {
                loop.schedule(this::placeCall, profile.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void record(Recorder recorder, long nanos) {
        AgiClientLoops.record(recorder, nanos, HIGHEST_NANOS);
    }

    /** One call: Asterisk's side of one FastAGI connection. */
    private final class Call extends SimpleChannelInboundHandler<String> {
        private final long id;
        private final ReplayingResponder.Call asterisk = LoadGenerator.this.asterisk.newCall();
        private int commands;
        private long repliedAt;
        private boolean pastHold;
        private boolean inHold;
        private boolean hangupCommand;
        private boolean busy;
        private boolean failed;
        private boolean over;

        Call(long id) {
            this.id = id;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            StringBuilder environment = new StringBuilder(1024);
            for (String line : AgiEnvironmentBlock.lines(CALL, HOST, port, epochSeconds + "." + id, id)) {
                environment.append(line).append('\n');
            }
            send(ctx, environment.toString());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String command) {
            long arrived = System.nanoTime();
            commands++;
            if (commands == 1) {
                record(firstCommand, arrived - repliedAt);
                busy = command.startsWith("SET VARIABLE") && command.contains("\"BUSY\"");
            } else {
                record(roundTrips, arrived - repliedAt);
                if (!pastHold) {
                    record(beforeHold, arrived - repliedAt);
                }
            }
            boolean hold = command.startsWith("WAIT FOR DIGIT");
            pastHold |= hold;
            hangupCommand |= command.equals("HANGUP");
            String text = asterisk.reply(command);
            // Our script never earns 510, 520 or 511: one of them means the server sent something it should not.
            failed |= !text.startsWith("200 ", text.lastIndexOf('\n', text.length() - 2) + 1);
            if (id == 1) {
                sampleDialogue.add("> " + command);
                text.lines().forEach(line -> sampleDialogue.add("< " + line));
            }
            Duration delay = hold ? profile.holdTime() : profile.thinkTime();
            if (delay.isZero()) {
                send(ctx, text);
                return;
            }
            if (hold) {
                inHold = true;
                maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
            }
            ctx.executor().schedule(() -> {
                leaveHold();
                send(ctx, text);
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void leaveHold() {
            if (inHold) {
                inHold = false;
                holding.decrementAndGet();
            }
        }

        private void send(ChannelHandlerContext ctx, String text) {
            Channel channel = ctx.channel();
            if (!channel.isActive()) {
                return;
            }
            ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), text));
            repliedAt = System.nanoTime();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (over) {
                return;
            }
            over = true;
            leaveHold();
            CallOutcome outcome;
            if (busy) {
                outcome = CallOutcome.REFUSED_BUSY;
            } else if (failed) {
                outcome = CallOutcome.PROTOCOL_ERROR;
            } else if (commands == 0) {
                outcome = CallOutcome.CLOSED_UNSERVED;
            } else if (hangupCommand) {
                outcome = CallOutcome.COMPLETED;
            } else {
                outcome = CallOutcome.DROPPED;
            }
            ended(outcome, ctx.channel().eventLoop());
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
     * @param outcomes     calls that ended in the window, by {@link CallOutcome} ordinal
     * @param roundTrips   every reply → next command in the window
     * @param beforeHold   the round trips of the commands up to WAIT FOR DIGIT
     * @param firstCommand environment → first command
     * @param maxHolding   most calls waiting on WAIT FOR DIGIT at once
     * @param exceptions   socket errors seen by the generator since it started, by kind
     */
    record Window(long nanos, long[] outcomes, Histogram roundTrips, Histogram beforeHold, Histogram firstCommand,
                  int maxHolding, Map<String, Long> exceptions) {
        long count(CallOutcome outcome) {
            return outcomes[outcome.ordinal()];
        }

        double seconds() {
            return nanos / 1e9;
        }
    }
}
