package org.afterhours.bench;

/** How one call placed by the generator ended. */
enum CallOutcome {
    /** The script ran to HANGUP and the server closed the connection. */
    COMPLETED,
    /** afterhours' refusal: the first command set the status variable to BUSY, then the server closed. */
    REFUSED_BUSY,
    /** The server accepted the connection and closed it without sending a command (asterisk-java's pool rejection). */
    CLOSED_UNSERVED,
    /** The TCP connection could not be made (refused by the kernel, backlog full, timeout). */
    CONNECT_FAILED,
    /** The connection ended in the middle of the script. */
    DROPPED,
    /** The server sent a command the script does not have, or a reply was an error. */
    PROTOCOL_ERROR
}
