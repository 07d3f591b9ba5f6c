package org.afterhours.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable table of deadlines every node shares ({@code due_work} in MariaDB). A claimed item belongs to one node
 * until it reports back; a node that dies holding a claim loses it when its lease runs out.
 */
public interface DueWorkQueue {
    /** Adds the items not already there (same reference, kind and step): scheduling twice changes nothing. */
    void schedule(List<DueWork> items);

    /**
     * Claims up to {@code max} items due at {@code now}, and items whose claim is older than {@code lease}, for
     * {@code node}. Two nodes claiming at the same moment never get the same item.
     */
    List<DueWork> claim(String node, Instant now, Duration lease, int max);

    /** The item fired; {@code result} says what came of it. Ignored if another node has taken the claim over. */
    void done(DueWork item, String node, String result, Instant at);

    /** The item failed this time; it is due again at {@code dueAt}. */
    void retry(DueWork item, String node, String error, Instant dueAt);

    /** The item failed for good. */
    void failed(DueWork item, String node, String error, Instant at);
}
