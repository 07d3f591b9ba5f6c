package org.afterhours.calllog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call log as the console reads and completes it: pages of calls, one call's whole record, the completion of
 * its entry with an edit history. Implemented over MariaDB; every method may block on the database.
 */
public interface CallLogQueries {

    /** A page of calls matching {@code filter}, newest first: the first page, or the one beside {@code cursor}. */
    CallPage search(CallFilter filter, Optional<CallCursor> cursor, int pageSize);

    /** Every call matching {@code filter}, newest first, at most {@code limit} (CSV export). */
    List<CallSummary> all(CallFilter filter, int limit);

    /** Calls started in {@code [from, until)}, oldest first (pay form, reports, tonight). */
    List<CallSummary> startedBetween(Instant from, Instant until);

    /** Rings of calls started in {@code [from, until)}, by call then time. */
    List<CallAttempt> attemptsBetween(Instant from, Instant until);

    Optional<CallDetail> call(String reference);

    /** The messages of calls started in {@code [from, until)} whose customer was called back, however it was marked. */
    java.util.List<MessageResponse> messagesRespondedBetween(Instant from, Instant until);

    /**
     * Writes the completion fields that differ from what the entry holds and one edit row per changed field, in one
     * transaction; sets {@code completed_at} to {@code at} when the entry becomes complete.
     *
     * @return the fields that changed (none: nothing was written)
     */
    List<String> complete(String reference, Completion completion, String editedBy, Instant at);
}
