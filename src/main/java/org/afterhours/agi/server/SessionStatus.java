package org.afterhours.agi.server;

/**
 * The values of the status variable ({@link AgiServerSettings#statusVariable()}) a session leaves in the channel.
 * A server that just closes the socket leaves Asterisk's own AGISTATUS at SUCCESS, so the dialplan must branch on
 * this variable: anything but SUCCESS (or no value at all) means "fall back".
 */
public enum SessionStatus {
    SUCCESS, FAILED, NOTFOUND, BUSY
}
