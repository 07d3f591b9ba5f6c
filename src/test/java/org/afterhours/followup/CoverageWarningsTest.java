package org.afterhours.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.afterhours.oncall.Fixtures;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.Rotation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Once a day, and after an import, the managers hear of the coverage gaps of the next 14 days, if there are any. */
@Tag("clock")
class CoverageWarningsTest {
    /** 1999: no other test's due work is due this early, so only the coverage items are (they have no call). */
    private static final Instant MORNING = Instant.parse("1999-06-07T13:00:00Z");

    private final AfterCallFixture f = new AfterCallFixture(MORNING);

    @AfterEach
    void deleteCoverageRows() throws SQLException {
        try (Connection c = f.tables.dataSource.getConnection()) {
            for (String table : new String[] {"due_work", "after_call_event"}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE reference = '0'"
                        + (table.equals("due_work") ? " AND due_at < '2000-01-01'" : " AND occurred_at < '2000-01-01'"))) {
                    s.executeUpdate();
                }
            }
        }
    }

    private static RuleBook withoutSupportManager() {
        return book(Fixtures.inactive("sam", "Support Manager"));
    }

    /** alice and bob on call, hana the Hosted Administrator, and {@code manager} as the Support Manager. */
    private static RuleBook book(org.afterhours.oncall.Person manager) {
        return new Fixtures.Setup()
                .people(Fixtures.person("alice", "technician"), Fixtures.person("bob", "technician"),
                        Fixtures.person("hana", "Hosted Administrator"), manager)
                .rotation(new Rotation("techs", "techs", Fixtures.CHICAGO, LocalDate.of(1999, 1, 4), LocalTime.of(8, 0),
                        7, List.of("alice", "bob"), 1))
                .policy(Fixtures.defaultPolicy(0))
                .line(Fixtures.line("main", "+19132016503", "techs", "default"))
                .book();
    }

    @Test
    void the_daily_warning_lists_each_gap_to_the_managers_and_schedules_the_next_day() throws SQLException {
        f.stores.queue().schedule(List.of(CoverageWarnings.nextDaily(MORNING.minusSeconds(1), 13)));
        f.clock.set(MORNING);
        f.poller("node-a", List.of(f.channel), withoutSupportManager()).pollOnce();

        assertEquals(List.of("COVERAGE_GAPS hana"), f.channel.takeSent());
        var notice = f.channel.notices.get(0);
        assertEquals("Coverage gaps in the next 14 days: 1", notice.subject());
        assertTrue(notice.summary().contains("- main: step 4 (role Support Manager), Mon 7 Jun 08:00 CDT to Mon 21 Jun"
                + " 08:00 CDT (no active person has the role Support Manager)"), notice.summary());
        assertEquals("1", f.tables.text("SELECT COUNT(*) FROM due_work WHERE reference = ? AND kind = 'COVERAGE_DAILY'"
                + " AND state = 'PENDING' AND due_at = '1999-06-08 13:00:00'", CoverageWarnings.NO_CALL));
    }

    @Test
    void without_gaps_nothing_is_sent() {
        f.stores.queue().schedule(List.of(CoverageWarnings.afterImport(MORNING)));
        f.clock.set(MORNING.plus(Duration.ofSeconds(29)));
        f.poller("node-a").pollOnce();
        assertEquals(List.of(), f.channel.takeSent(), "not yet: the servers are still loading the new setup");
        f.clock.set(MORNING.plus(Duration.ofSeconds(30)));
        f.poller("node-a", List.of(f.channel), book(Fixtures.person("sam", "Support Manager"))).pollOnce();
        assertEquals(List.of(), f.channel.takeSent());
    }

    @Test
    void the_next_daily_warning_is_today_at_the_hour_or_else_tomorrow() {
        assertEquals(Instant.parse("1999-06-07T13:00:00Z"),
                CoverageWarnings.nextDaily(Instant.parse("1999-06-07T12:59:59Z"), 13).dueAt());
        assertEquals(Instant.parse("1999-06-08T13:00:00Z"),
                CoverageWarnings.nextDaily(Instant.parse("1999-06-07T13:00:00Z"), 13).dueAt());
    }
}
