package org.afterhours.db;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One FastAGI session as stored in {@code agi_session}. Text fields are taken as Asterisk sent
 * them; the repository cuts them to the column sizes when it writes.
 *
 * @param id UUID made by afterhours when the session starts (the replay key, at most 36 chars)
 * @param asteriskUniqueId agi_uniqueid
 * @param script agi_network_script
 * @param channel agi_channel, may be null
 * @param callerIdNumber agi_callerid, untrusted, may be null
 * @param callerIdName agi_calleridname, untrusted, may be null
 * @param dnid agi_dnid: the line that was dialled, may be null
 * @param remoteAddress address of the connecting Asterisk, may be null
 * @param startedAt when the session was accepted
 * @param endedAt when it ended, null while it runs
 * @param outcome short code for how it ended, null while it runs
 * @param outcomeDetail free text about the outcome, may be null
 */
public record AgiSessionRecord(
        String id,
        String asteriskUniqueId,
        String script,
        String channel,
        String callerIdNumber,
        String callerIdName,
        String dnid,
        String remoteAddress,
        Instant startedAt,
        Instant endedAt,
        String outcome,
        String outcomeDetail) {

    /** Length of the id column; ids are keys, so a longer one is a bug, never cut. */
    public static final int ID_LENGTH = 36;

    public AgiSessionRecord {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > ID_LENGTH) {
            throw new IllegalArgumentException("id must be 1.." + ID_LENGTH + " characters, was '" + id + "'");
        }
        Objects.requireNonNull(asteriskUniqueId, "asteriskUniqueId");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A session that has just started, with a fresh id. */
    public static AgiSessionRecord started(
            String asteriskUniqueId,
            String script,
            String channel,
            String callerIdNumber,
            String callerIdName,
            String dnid,
            String remoteAddress,
            Instant startedAt) {
        return new AgiSessionRecord(UUID.randomUUID().toString(), asteriskUniqueId, script, channel,
                callerIdNumber, callerIdName, dnid, remoteAddress, startedAt, null, null, null);
    }
}
