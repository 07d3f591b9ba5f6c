package org.afterhours.calllog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One call's pen: numbers its events 1, 2, 3... and puts each into the journal at once, so that whatever happens
 * next (a hang-up, a crash, a database outage) the steps so far are kept. One per call; the caller's thread, the
 * escalation and the screening sessions of the people rung all write into it.
 */
public final class CallRecorder {
    /** The listener key of the caller's own prompts (a leg id is never empty). */
    private static final String CALLER = "";

    private final String callId = UUID.randomUUID().toString();
    private final ReferenceNumber reference;
    private final CallJournal journal;
    private final Clock clock;
    private final AtomicInteger sequence = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Per listener (the caller, or a rung phone's leg), the prompts played through without a key since the last
     * event: written as one event per listener before the next. Kept apart because the caller and the phones rung
     * for them hear prompts at the same time: one list made the caller "hear" a technician's screening prompts.
     */
    private final Map<String, PromptsHeard> promptsPlayed = new LinkedHashMap<>();

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

    /**
     * A prompt the caller heard to its end. Prompts heard one after another are one step (the help desk's number,
     * address and hours are a dozen of them), written as one {@link CallEventType#PROMPT_PLAYED} event listing them
     * in order, when the call's next event is recorded: a storm of calls wrote a row per fragment before.
     */
    public void recordPrompt(String prompt) {
        recordPrompt(CALLER, prompt);
    }

    /**
     * As {@link #recordPrompt(String)}, heard on a rung phone's leg: its event names the leg, and it is never listed
     * with the caller's prompts.
     */
    public void recordPromptOnLeg(String legId, String prompt) {
        if (legId == null || legId.isEmpty()) {
            throw new IllegalArgumentException("a leg has an id");
        }
        recordPrompt(legId, prompt);
    }

    private void recordPrompt(String listener, String prompt) {
        lock.lock();
        try {
            promptsPlayed.computeIfAbsent(listener, l -> new PromptsHeard(clock.instant())).prompts.add(prompt);
        } finally {
            lock.unlock();
        }
    }

    /** @param attributes name, value, name, value... */
    public void record(CallEventType type, String... attributes) {
        lock.lock();
        try {
            writePromptsPlayed();
            append(type, attributes);
        } finally {
            lock.unlock();
        }
    }

    private void writePromptsPlayed() {
        for (Map.Entry<String, PromptsHeard> heard : promptsPlayed.entrySet()) {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("prompt", String.join(", ", heard.getValue().prompts));
            if (!heard.getKey().equals(CALLER)) {
                map.put("leg", heard.getKey());
            }
            journal.append(new CallEvent(callId, reference, sequence.incrementAndGet(), heard.getValue().firstAt,
                    CallEventType.PROMPT_PLAYED, map));
        }
        promptsPlayed.clear();
    }

    private void append(CallEventType type, String... attributes) {
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

    /** Prompts one listener heard back to back, and when the first began. */
    private record PromptsHeard(Instant firstAt, List<String> prompts) {
        PromptsHeard(Instant firstAt) {
            this(firstAt, new ArrayList<>());
        }
    }
}
