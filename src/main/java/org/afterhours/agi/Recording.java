package org.afterhours.agi;

import java.util.Optional;

/**
 * How RECORD FILE ended.
 *
 * @param endReason Asterisk's word for it: {@code dtmf}, {@code timeout} (silence or maximum length), {@code hangup},
 *                  {@code writefile}, {@code randomerror}, {@code waitfor}, or "" when it gave none
 * @param key       the key that ended the recording, if one did
 * @param endpos    the length recorded, in samples
 * @param failed    Asterisk answered {@code result=-1}
 */
public record Recording(String endReason, Optional<Character> key, long endpos, boolean failed) {
}
