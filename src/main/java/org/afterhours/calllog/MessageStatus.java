package org.afterhours.calllog;

/** Where a kept message stands on its one-hour response clock ({@code call_record.voicemail_status}). */
public enum MessageStatus {
    /** Kept; no technician has said they handle it. */
    PENDING_RESPONSE,
    /** A technician said they handle it (key 3, the email's link, the console); the customer is not called back yet. */
    ACKNOWLEDGED,
    /** The customer was called back. */
    RESPONDED,
    /** Not responded within the hour; stays until someone responds (the breach time is kept either way). */
    BREACHED;

    /** Whether the clock still runs: nobody has called the customer back. */
    public boolean awaitsResponse() {
        return this != RESPONDED;
    }
}
