package org.afterhours.calllog;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.afterhours.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, closes the calls the dead run of this node left open: each gets a {@link
 * CallEventType#CALL_CUT_OFF} event through the journal (outcome {@link CallOutcome#CUT_OFF}, the last step on
 * record), a follow-up due at once, and for an emergency an alert.
 *
 * <p>It looks only once every event the earlier runs left in the journal is in the database, so a call that did
 * end before the crash (its CALL_ENDED still in the journal) is never taken for cut off. Closing is idempotent: a
 * cut-off event written before a second crash closes the record, and the next run does not find it again.
 */
public final class CutOffCalls {
    private static final Logger log = LoggerFactory.getLogger(CutOffCalls.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final CallJournal journal;
    private final LeftOpenCalls store;
    private final CutOffCallHandler handler;
    private final Clock clock;
    /** Counted down to stop the background look: never an interrupt, which would close the journal's file. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    public CutOffCalls(CallJournal journal, LeftOpenCalls store, CutOffCallHandler handler, Clock clock) {
        this.journal = journal;
        this.store = store;
        this.handler = handler;
        this.clock = clock;
    }

    /** Closes every call earlier runs left open; returns how many. Needs the earlier runs' events written. */
    public int closeLeftOpen() {
        if (!journal.earlierRunsWritten()) {
            throw new IllegalStateException("events of earlier runs are still in the journal");
        }
        List<LeftOpenCall> open = store.leftOpen(journal.node(), journal.run());
        for (LeftOpenCall call : open) {
            handler.oweFollowUpAtOnce(call); // first: a crash between the two owes it twice, never not at all
            if (call.emergency()) {
                handler.alertEmergencyCutOff(call);
            }
            journal.append(new CallEvent(call.callId(), call.reference(), call.lastSequence() + 1, clock.instant(),
                    CallEventType.CALL_CUT_OFF, Map.of("step", call.lastStep(), "outcome", CallOutcome.CUT_OFF.name(),
                    "lastHeardAt", call.lastHeardAt().toString())));
        }
        if (!open.isEmpty()) {
            log.warn("{} call(s) cut off when the previous run of this node died are now closed as {}",
                    open.size(), CallOutcome.CUT_OFF);
        }
        return open.size();
    }

    /**
     * In the background: waits until the earlier runs' events are written, then closes what they left open,
     * retrying with backoff while the database is down.
     */
    public Thread startInBackground() {
        return Thread.ofVirtual().name("cut-off-calls").start(() -> {
            Duration backoff = BACKOFF.first();
            try {
                while (stopping.getCount() > 0) {
                    if (!journal.earlierRunsWritten()) {
                        pause(POLL);
                        continue;
                    }
                    try {
                        closeLeftOpen();
                        return;
                    } catch (RuntimeException e) {
                        log.warn("cannot look for calls cut off by the previous run yet ({}); retrying in {} s",
                                e.getMessage(), backoff.toSeconds());
                        pause(backoff);
                        backoff = BACKOFF.after(backoff);
                    }
                }
            } catch (InterruptedException interrupted) {
                // the server stops; the next start looks again
            }
        });
    }

    /** Stops the background look (the next start looks again); wait for its thread to end. */
    public void stop() {
        stopping.countDown();
    }

    private void pause(Duration time) throws InterruptedException {
        stopping.await(time.toMillis(), TimeUnit.MILLISECONDS);
    }
}
