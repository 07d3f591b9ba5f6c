package org.afterhours.agi.server;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.afterhours.agi.AgiHangupException;
import org.afterhours.agi.AgiReply;

/**
 * The hand-over between the netty thread that reads a connection and the virtual thread that runs its call: at most
 * one reply is awaited at a time (AGI is strictly request/reply), and the end of the connection wakes the waiter.
 * Locks, not {@code synchronized}, so a waiting virtual thread never pins its carrier.
 */
final class ReplyMailbox {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean awaiting;
    private AgiReply reply;
    /** Whether the HANGUP line had already arrived when {@link #reply} did: the netty thread sees both in order. */
    private boolean replyFollowedHangup;
    private volatile boolean hangupSeen;
    private volatile AgiHangupException closed;

    /** Called by the session thread just before it writes a command. */
    void expectReply() {
        lock.lock();
        try {
            awaiting = true;
            reply = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until the awaited reply arrives or the connection ends. The reply says whether it came after the
     * HANGUP line: one that came before it answered a command on a live channel and stands, however late this
     * thread wakes to read it.
     */
    Received awaitReply() throws InterruptedException {
        lock.lock();
        try {
            while (reply == null && closed == null) {
                changed.await();
            }
            if (reply == null) {
                throw closed;
            }
            Received r = new Received(reply, replyFollowedHangup);
            reply = null;
            awaiting = false;
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** @return false when no reply was awaited: Asterisk spoke out of turn */
    boolean deliver(AgiReply received) {
        lock.lock();
        try {
            if (!awaiting || reply != null) {
                return false;
            }
            reply = received;
            replyFollowedHangup = hangupSeen;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void hangupNotice() {
        hangupSeen = true;
    }

    boolean hangupSeen() {
        return hangupSeen;
    }

    /** The first cause wins: a protocol error stays a protocol error when the close that follows it arrives. */
    void close(AgiHangupException.Cause cause, String reason) {
        lock.lock();
        try {
            if (closed == null) {
                closed = new AgiHangupException(cause, reason);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    AgiHangupException closedCause() {
        return closed;
    }

    /** A reply, and whether Asterisk had written HANGUP before it. */
    record Received(AgiReply reply, boolean afterHangup) {
    }
}
