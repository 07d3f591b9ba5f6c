package org.afterhours.followup;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.afterhours.calllog.AfterCallEvent;
import org.afterhours.calllog.AfterCallEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's worker over the shared due table: claims what is due, fires each item's handler, reports back. Runs on
 * one virtual thread; {@link #pollOnce()} is the whole of one round, so tests drive it on their own clock.
 */
public final class DueWorkPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DueWorkPoller.class);

    private final DueWorkQueue queue;
    private final Map<DueKind, DueHandler> handlers;
    private final AfterCallLog record;
    private final String node;
    private final Clock clock;
    private final PollerSettings settings;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean stopping;
    private Thread thread;
    private Runnable setup;

    public DueWorkPoller(DueWorkQueue queue, Map<DueKind, DueHandler> handlers, AfterCallLog record, String node,
                         Clock clock, PollerSettings settings) {
        this.queue = queue;
        this.handlers = new EnumMap<>(handlers);
        this.record = record;
        this.node = node;
        this.clock = clock;
        this.settings = settings;
    }

    /** Claims and fires everything due now, in batches, until nothing is. @return how many items fired */
    public int pollOnce() {
        int fired = 0;
        while (!stopping) {
            List<DueWork> claimed = queue.claim(node, clock.instant(), settings.lease(), settings.batch());
            for (int i = 0; i < claimed.size(); i++) {
                if (stopping) {
                    release(claimed.subList(i, claimed.size()));
                    return fired;
                }
                fire(claimed.get(i));
                fired++;
            }
            if (claimed.size() < settings.batch()) {
                return fired;
            }
        }
        return fired;
    }

    /** Claimed but not fired because the node is stopping: due again at once, for another node or the next start. */
    private void release(List<DueWork> items) {
        for (DueWork item : items) {
            queue.retry(item, node, "released: node " + node + " stopped before firing it", item.dueAt());
        }
    }

    private void fire(DueWork item) {
        DueHandler handler = handlers.get(item.kind());
        try {
            if (handler == null) {
                throw new IllegalStateException("no handler for " + item.kind() + " on this node");
            }
            String result = handler.fire(item);
            queue.done(item, node, result, clock.instant());
            log.info("[{}] {}: {}", item.reference(), item, result);
        } catch (RuntimeException e) {
            failedOnce(item, e);
        }
    }

    private void failedOnce(DueWork item, RuntimeException e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        Instant now = clock.instant();
        if (item.attempts() >= settings.maxAttempts()) {
            log.error("[{}] {} failed for good after {} attempts: {}", item.reference(), item, item.attempts(), error);
            queue.failed(item, node, error, now);
            record.record(new AfterCallEvent(item.reference(), now, AfterCallEventType.DUE_WORK_FAILED, item.id(),
                    "", "", item.kind() + ": " + error));
            return;
        }
        Instant again = now.plus(settings.retryAfter(item.attempts()));
        log.warn("[{}] {} failed (attempt {}), again at {}: {}", item.reference(), item, item.attempts(), again, error);
        queue.retry(item, node, error, again);
    }

    /** Starts polling on a virtual thread: a round every {@code interval}, or at once after {@link #wake()}. */
    public DueWorkPoller start() {
        return start(() -> { });
    }

    /**
     * As {@link #start()}, first running {@code setup} (schedules standing deadlines such as the daily coverage
     * warning) and trying it again each round until it succeeds: a node may start while the database is down.
     */
    public synchronized DueWorkPoller start(Runnable setup) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        this.setup = setup;
        thread = Thread.ofVirtual().name("due-work-" + node).start(this::loop);
        return this;
    }

    /** New work may be due now (a message was kept): look without waiting out the interval. */
    public void wake() {
        wakeUp.release();
    }

    private void loop() {
        while (running) {
            try {
                if (setup != null) {
                    setup.run();
                    setup = null;
                }
                pollOnce();
            } catch (RuntimeException e) {
                // The database is down, most likely: nothing is lost, the items stay due; look again later.
                log.warn("cannot work through due items: {}", e.getMessage());
            }
            try {
                wakeUp.tryAcquire(settings.interval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops after the item in hand; items not fired stay due for the next node or start. */
    @Override
    public void close() throws InterruptedException {
        Thread running;
        stopping = true;
        synchronized (this) {
            this.running = false;
            running = thread;
        }
        if (running != null) {
            wakeUp.release();
            running.join();
        }
    }
}
