package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.Database;
import org.afterhours.db.TestDatabases;
import org.afterhours.followup.AfterCallSettings;
import org.afterhours.followup.FollowUps;
import org.afterhours.followup.Obligations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./afterhours followups [--overdue]} and {@code --done}, until the console lands. */
@Tag("clock")
class FollowUpsCommandTest {
    private static final Instant OWED = Instant.parse("1999-05-03T07:00:00Z");
    private final Database database = TestDatabases.shared();
    private final int base = 3_000_000 + ThreadLocalRandom.current().nextInt(900_000);
    private final ReferenceNumber first = new ReferenceNumber(Integer.toString(base));
    private final ReferenceNumber second = new ReferenceNumber(Integer.toString(base + 1));

    @AfterEach
    void deleteOurRows() throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            for (String table : new String[] {"follow_up", "due_work", "after_call_event"}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE reference IN (?, ?)")) {
                    s.setString(1, first.digits());
                    s.setString(2, second.digits());
                    s.executeUpdate();
                }
            }
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Instant now, String... args) {
        FollowUpsCommand command = new FollowUpsCommand();
        command.database = database;
        command.clock = Clock.fixed(now, ZoneOffset.UTC);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private void owe() {
        FollowUps followUps = new FollowUps(AfterCallSide.stores(database.dataSource()),
                new Obligations(AfterCallSettings.DEFAULTS), Optional.empty(), Clock.fixed(OWED, ZoneOffset.UTC));
        followUps.owe(first, FollowUpCause.EMERGENCY, OWED.plus(Duration.ofHours(24)));
        followUps.owe(second, FollowUpCause.MESSAGE, OWED.plus(Duration.ofHours(30)));
    }

    @Test
    void lists_the_overdue_follow_ups_then_records_one_done() {
        owe();
        Result overdue = run(OWED.plus(Duration.ofHours(25)), "--overdue");
        assertEquals(0, overdue.exit(), overdue.err());
        assertTrue(overdue.out().contains(first + "   EMERGENCY      1999-05-03 07:00 UTC 1999-05-04 07:00 UTC OVERDUE"),
                overdue.out());
        assertTrue(!overdue.out().contains(second.digits()), overdue.out());

        Result done = run(OWED.plus(Duration.ofHours(26)), "--done", first.digits(), "--by", "alice", "--how",
                "Phone", "--note", "called back; fixed");
        assertEquals(0, done.exit(), done.err());
        assertEquals("Follow-up of " + first + " done by alice (phone).", done.out().strip());
        Result again = run(OWED.plus(Duration.ofHours(26)), "--done", first.digits(), "--by", "bob", "--how", "email");
        assertEquals(1, again.exit());
        assertTrue(run(OWED.plus(Duration.ofHours(26)), "--overdue").out().contains("No follow-up is overdue."));
    }

    @Test
    void a_bad_reference_or_method_is_refused_clearly() {
        Result bad = run(OWED, "--done", "12x", "--by", "alice", "--how", "phone");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("a reference number is 1 to 7 digits"), bad.err());
        Result method = run(OWED, "--done", first.digits(), "--by", "alice", "--how", "fax");
        assertEquals(2, method.exit());
        assertTrue(method.err().contains("follow-up method must be phone, email or ticket, not 'fax'"), method.err());
    }
}
