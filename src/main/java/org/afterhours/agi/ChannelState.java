package org.afterhours.agi;

/** The answer to CHANNEL STATUS: Asterisk's {@code ast_channel_state}, in its numeric order. */
public enum ChannelState {
    DOWN, RESERVED, OFF_HOOK, DIALING, RING, RINGING, UP, BUSY, DIALING_OFFHOOK, PRERING, UNKNOWN;

    public static ChannelState of(int code) {
        ChannelState[] all = values();
        return code >= 0 && code < all.length - 1 ? all[code] : UNKNOWN;
    }
}
