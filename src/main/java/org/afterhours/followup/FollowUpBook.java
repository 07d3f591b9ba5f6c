package org.afterhours.followup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.afterhours.calllog.ReferenceNumber;

/** The follow-ups owed and done ({@code follow_up}), with the due items that remind of them. */
public interface FollowUpBook {
    /**
     * Records the follow-up and schedules {@code reminders} with it, in one transaction; a call that already owes
     * one keeps the first (its cause and due time).
     *
     * @return false when the call owed one already
     */
    boolean owe(FollowUp followUp, List<DueWork> reminders);

    Optional<FollowUp> find(ReferenceNumber reference);

    /** @return false when there is no such follow-up or it was done already (the first "done" stands) */
    boolean complete(ReferenceNumber reference, FollowUp.Done done);

    /** Follow-ups not done, earliest due first; only those due at or before {@code now} when {@code overdueOnly}. */
    List<FollowUp> open(Instant now, boolean overdueOnly);
}
