package org.afterhours.escalation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One notice about one call, to one recipient, with everything a channel needs to word it.
 *
 * @param to               who this copy is for
 * @param everyone         all recipients of this notice (a team channel posts once and names them)
 * @param facts            what the wording uses: line, callerNumber, keptAt, step, dueAt... (values untrusted text)
 * @param recordingPath    the message's recording as Asterisk wrote it (with extension), or empty
 * @param acknowledgeLink  a signed, expiring one-click acknowledgement for {@code to}, or empty
 */
public record Notice(NoticeKind kind, String reference, Recipient to, List<Recipient> everyone, String subject,
                     String summary, Map<String, String> facts, String recordingPath, String acknowledgeLink) {
    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        reference = reference == null ? "" : reference;
        everyone = List.copyOf(everyone);
        summary = summary == null ? "" : summary;
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        recordingPath = recordingPath == null ? "" : recordingPath;
        acknowledgeLink = acknowledgeLink == null ? "" : acknowledgeLink;
    }

    /** The same notice for another recipient (each gets a link of their own). */
    public Notice to(Recipient other, String link) {
        return new Notice(kind, reference, other, everyone, subject, summary, facts, recordingPath, link);
    }
}
