package org.afterhours.calllog;

/** How a call ended ({@code call_record.outcome}), and how the console words it. */
public enum CallOutcome {
    TRANSFERRED("Sent to the help desk"),
    CONNECTED("Connected to a technician"),
    INFORMED("Told how to open a ticket"),
    VOICEMAIL("Message"),
    URGENT_VOICEMAIL("Urgent message"),
    NO_MESSAGE("No message left"),
    CALLER_HUNG_UP("Caller hung up"),
    /** The server process died (crash, kill) while the call was live; closed by the node's next run. */
    CUT_OFF("Cut off: the server stopped");

    private final String label;

    CallOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
