package org.afterhours.agi.server;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts live calls against the limit, and lets a stopping server wait for the last one to end. */
final class CallAdmission {
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int active;
    private boolean closed;

    CallAdmission(int limit) {
        this.limit = limit;
    }

    boolean tryAdmit() {
        lock.lock();
        try {
            if (closed || active >= limit) {
                return false;
            }
            active++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            if (--active == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    int active() {
        lock.lock();
        try {
            return active;
        } finally {
            lock.unlock();
        }
    }

    /** Admits no new call from now on; returns whether every live call ended within {@code grace}. */
    boolean closeAndAwaitIdle(Duration grace) throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            long nanos = grace.toNanos();
            while (active > 0 && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
            return active == 0;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
