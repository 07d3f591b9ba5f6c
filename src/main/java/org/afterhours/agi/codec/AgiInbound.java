package org.afterhours.agi.codec;

import org.afterhours.agi.AgiReply;

/** A complete thing Asterisk said after the environment: a reply to our command, or its unprompted HANGUP line. */
public sealed interface AgiInbound {

    /** The bare {@code HANGUP} line res_agi writes once when the caller hangs up; a reply may still follow. */
    record HangupNotice() implements AgiInbound {
    }

    record Reply(AgiReply reply) implements AgiInbound {
    }
}
