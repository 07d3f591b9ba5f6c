package org.afterhours.calllog;

import java.time.Duration;
import java.util.List;
import org.afterhours.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the journal into the store in batches on one background thread, in journal order. While the store is
 * down it waits and retries (the journal keeps everything on disk meanwhile); calls never notice.
 */
public final class JournalWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);
    private static final int BATCH = 500;
    /**
     * After a batch that was not full, what arrives in the next moment joins one transaction: a commit per few
     * events (and MariaDB's flush of its redo log with each) was most of the database's cost in a storm of calls,
     * and a call log row a few milliseconds later harms nobody.
     */
    private static final Duration LINGER = Duration.ofMillis(20);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    private final CallJournal journal;
    private final CallLogStore store;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean storeHealthy = true;

    private JournalWriter(CallJournal journal, CallLogStore store) {
        this.journal = journal;
        this.store = store;
        this.thread = Thread.ofPlatform().name("call-journal-writer").daemon(true).unstarted(this::drain);
    }

    public static JournalWriter start(CallJournal journal, CallLogStore store) {
        JournalWriter writer = new JournalWriter(journal, store);
        writer.thread.start();
        return writer;
    }

    private void drain() {
        Duration backoff = BACKOFF.first();
        while (running || journal.pendingCount() > 0) {
            try {
                List<JournalEntry> batch = journal.pending(BATCH, Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    continue;
                }
                store.write(batch.stream().map(JournalEntry::event).toList());
                journal.committed(batch.get(batch.size() - 1).position());
                if (!storeHealthy) {
                    log.warn("call log database reachable again; writing the journal's backlog of {} event(s)",
                            journal.pendingCount());
                    storeHealthy = true;
                }
                backoff = BACKOFF.first();
                if (batch.size() < BATCH && running) {
                    Thread.sleep(LINGER);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (storeHealthy) {
                    log.warn("call log database unavailable ({}); {} event(s) wait in the journal and are retried",
                            e.getMessage(), journal.pendingCount());
                    storeHealthy = false;
                }
                if (!running) {
                    return; // stopping: what is left stays in the journal for the next start
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = BACKOFF.after(backoff);
            }
        }
    }

    public boolean storeHealthy() {
        return storeHealthy;
    }

    /** Writes what it can within a few seconds, then stops; the rest waits in the journal for the next start. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(10));
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(2));
        }
    }
}
