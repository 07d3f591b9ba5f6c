package org.afterhours.followup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.calllog.FollowUpMethod;
import org.afterhours.calllog.ReferenceNumber;

/**
 * The follow-up one call owes its caller, and once done: who, how, when, and a note.
 *
 * @param done empty while it is still owed
 */
public record FollowUp(ReferenceNumber reference, FollowUpCause cause, Instant owedAt, Instant dueAt,
                       Optional<Done> done) {
    public FollowUp {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(owedAt, "owedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(done, "done");
    }

    /** @param note free text from the technician */
    public record Done(String by, FollowUpMethod how, Instant at, String note) {
        public Done {
            Objects.requireNonNull(how, "how");
            Objects.requireNonNull(at, "at");
            if (by == null || by.isBlank()) {
                throw new IllegalArgumentException("say who followed up");
            }
            note = note == null ? "" : note;
        }
    }

    public boolean isOverdue(Instant now) {
        return done.isEmpty() && !now.isBefore(dueAt);
    }
}
