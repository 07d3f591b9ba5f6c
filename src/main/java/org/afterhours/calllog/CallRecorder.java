package org.afterhours.calllog;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call's pen: numbers its events 1, 2, 3... and puts each into the journal at once, so that whatever happens
 * next (a hang-up, a crash, a database outage) the steps so far are kept. One per call; the caller's thread, the
 * escalation and the screening sessions of the people rung all write into it.
 */
public final class CallRecorder {
    private final String callId = UUID.randomUUID().toString();
    private final ReferenceNumber reference;
    private final CallJournal journal;
    private final Clock clock;
    private final AtomicInteger sequence = new AtomicInteger();

    public CallRecorder(ReferenceNumber reference, CallJournal journal, Clock clock) {
        this.reference = reference;
        this.journal = journal;
        this.clock = clock;
    }

    public ReferenceNumber reference() {
        return reference;
    }

    /**
     * What this call's files (a message) are named after: the reference a person reads, and part of the call id,
     * so that two calls read the same reference never write to the same file.
     */
    public String fileName() {
        return reference.digits() + "-" + callId.substring(0, 8);
    }

    /** This call's own id, unique even where two calls were read the same reference number. */
    public String callId() {
        return callId;
    }

    /** @param attributes name, value, name, value... */
    public void record(CallEventType type, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            map.put(attributes[i], attributes[i + 1] == null ? "" : attributes[i + 1]);
        }
        if (type == CallEventType.CALL_STARTED) {
            // Which node and which run of it took the call: a restart closes the calls its dead run left open.
            map.put(CallEventType.NODE, journal.node());
            map.put(CallEventType.RUN, journal.run());
        }
        journal.append(new CallEvent(callId, reference, sequence.incrementAndGet(), clock.instant(), type, map));
    }
}
