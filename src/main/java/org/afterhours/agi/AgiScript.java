package org.afterhours.agi;

/**
 * A call script: runs once per FastAGI session, on a thread of its own, and may block on every command.
 * Returning normally tells the dialplan the script succeeded; throwing tells it the script failed.
 */
@FunctionalInterface
public interface AgiScript {
    void service(AgiRequest request, AgiChannel channel) throws Exception;
}
