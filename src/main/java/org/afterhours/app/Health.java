package org.afterhours.app;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * How the node is, as a supervisor or a monitor reads it: the database, the PBX's manager interface, the journal's
 * backlog (call events not yet in the database), the live calls. Written to {@code <data>/status} by the server,
 * read by {@code afterhours status}.
 *
 * @param database  UP or DOWN, and for the embedded server how often it was restarted
 * @param ami       CONNECTED, CONNECTING, DISCONNECTED, or NOT_SET_UP (no secret: a choice, not a fault)
 */
record Health(Instant at, long pid, boolean databaseUp, String database, String ami, int journalBacklog,
              int liveCalls) {
    /** A backlog this long means the writer is not keeping up even if each write succeeds. */
    static final int BACKLOG_LIMIT = 10_000;

    boolean degraded() {
        return !databaseUp || !(ami.equals("CONNECTED") || ami.equals("NOT_SET_UP")) || journalBacklog >= BACKLOG_LIMIT;
    }

    /** One line for the log and the terminal. */
    String line() {
        return (degraded() ? "DEGRADED" : "healthy") + ": database " + database + ", AMI " + ami + ", journal backlog "
                + journalBacklog + " event(s), live calls " + liveCalls;
    }

    String toProperties() {
        return "at=" + at + "\npid=" + pid + "\nstate=" + (degraded() ? "DEGRADED" : "HEALTHY") + "\ndatabase_up="
                + databaseUp + "\ndatabase=" + database + "\nami=" + ami + "\njournal_backlog=" + journalBacklog
                + "\nlive_calls=" + liveCalls + "\n";
    }

    static Health parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return new Health(Instant.parse(p.getProperty("at")), Long.parseLong(p.getProperty("pid")),
                    Boolean.parseBoolean(p.getProperty("database_up")), p.getProperty("database"),
                    p.getProperty("ami"), Integer.parseInt(p.getProperty("journal_backlog")),
                    Integer.parseInt(p.getProperty("live_calls")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a status file: " + e.getMessage(), e);
        }
    }

    /** Written within the last {@code maxAge} (the server rewrites it every few seconds while it runs). */
    boolean freshAt(Instant now, Duration maxAge) {
        return !at.plus(maxAge).isBefore(now);
    }
}
