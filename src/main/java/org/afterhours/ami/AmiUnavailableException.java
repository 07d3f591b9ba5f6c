package org.afterhours.ami;

/** No action can be sent: the manager connection is not logged in (or dropped while sending). */
public final class AmiUnavailableException extends RuntimeException {
    public AmiUnavailableException(String message) {
        super(message);
    }
}
