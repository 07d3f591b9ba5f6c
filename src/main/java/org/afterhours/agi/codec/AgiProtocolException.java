package org.afterhours.agi.codec;

/** Asterisk (or something pretending to be it) sent a line that res_agi never writes. The connection must close. */
public final class AgiProtocolException extends Exception {
    public AgiProtocolException(String message) {
        super(message);
    }
}
