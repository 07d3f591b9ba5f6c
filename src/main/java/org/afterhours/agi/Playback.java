package org.afterhours.agi;

import java.util.Optional;

/**
 * How a STREAM FILE or SAY ended.
 *
 * @param key      the key that interrupted it, if one did
 * @param failed   Asterisk answered {@code result=-1}: the file was missing or the channel failed. The caller may
 *                 still be there (a missing prompt is not a hang-up); if they are not, the next command says so.
 * @param endpos   the sample offset where playback stopped, -1 when Asterisk did not say
 */
public record Playback(Optional<Character> key, boolean failed, long endpos) {
    public boolean interrupted() {
        return key.isPresent();
    }
}
