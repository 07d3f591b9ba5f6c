package org.afterhours.calllog;

import java.util.List;

/**
 * Where call events end up (MariaDB). {@link #write} must be idempotent per {@code (reference, sequence)}: the
 * journal replays whatever it cannot prove was written, and each event must land exactly once.
 */
public interface CallLogStore {
    /** Writes the events in one transaction, or throws and writes none. */
    void write(List<CallEvent> events);
}
