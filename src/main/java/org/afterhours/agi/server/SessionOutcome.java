package org.afterhours.agi.server;

/** How an AGI session ended, as written to the session log. */
public enum SessionOutcome {
    /** The script ran to its end. */
    COMPLETED,
    /** The caller hung up (HANGUP line or 511) while the script ran. */
    CALLER_HUNG_UP,
    /** The socket closed under the script without a hang-up from Asterisk. */
    CONNECTION_LOST,
    /** Asterisk sent something res_agi never writes; we closed the connection. */
    PROTOCOL_ERROR,
    /** The script threw. */
    SCRIPT_FAILED,
    /** No script is registered for the requested path. */
    SCRIPT_NOT_FOUND,
    /** Refused because the server was at its concurrent-call limit or stopping. */
    REFUSED_BUSY,
    /** The server stopped before the script finished. */
    SERVER_SHUTDOWN
}
