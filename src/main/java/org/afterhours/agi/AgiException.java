package org.afterhours.agi;

/** Base of every failure a call script can see from its channel. Unchecked: a call flow reads as a script. */
public class AgiException extends RuntimeException {
    public AgiException(String message) {
        super(message);
    }

    public AgiException(String message, Throwable cause) {
        super(message, cause);
    }
}
