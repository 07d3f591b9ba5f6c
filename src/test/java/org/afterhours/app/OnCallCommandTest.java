package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code ./afterhours oncall} with the sample imported, against answers worked out by hand from config/oncall.yaml:
 * main-techs is weekly from Monday 2026-01-05 08:00 Chicago (alice, bob, carol: week k's primary is member k mod 3,
 * its secondary the next one), client-care daily from 2026-01-01 07:00 New York (frank, grace, henry).
 */
@Tag("clock")
class OnCallCommandTest {
    private final List<String> setups = new ArrayList<>();
    private RuleBookRepository repository;
    private String setup;

    @BeforeEach
    void importSample() {
        repository = new RuleBookRepository(TestDatabases.shared().dataSource());
        setup = "test-" + UUID.randomUUID().toString().substring(0, 18);
        setups.add(setup);
        assertEquals(0, run(new ImportCommand(), "config/oncall.yaml").exit());
    }

    @AfterEach
    void deleteOwnSetup() {
        setups.forEach(repository::delete);
    }

    /**
     * Saturday 2026-11-21 21:30 CST. Week 45 (from 11-16): 45 mod 3 = 0, alice primary, bob secondary. Day 324 of
     * client-care (from 11-21 07:00 EST): 324 mod 3 = 0, frank primary, grace secondary. The next 14 days: week 46
     * (bob, carol) from Monday; alice takes Thanksgiving Day from bob (override); week 47 (carol, alice) from 11-30.
     */
    @Test
    void theNextFourteenDaysOfHandOffs() {
        Result result = run(new OnCallCommand(), "--at", "2026-11-22T03:30:00Z", "--days", "14");

        assertEquals(0, result.exit(), result.err());
        String main = """
                main: Emergency Support Line (913-201-6503)
                  at:         Sat 2026-11-21 21:30 CST
                  helpdesk:   after hours (outside business hours)
                  primary:    Alice Adams  PJSIP/+19135550101@trunk, PJSIP/alice
                  secondary:  Bob Brown  PJSIP/+19135550102@trunk
                  escalation: 1 Alice Adams (primary on call), 2 Bob Brown (secondary on call), \
                3 Dave Diaz (role Hosted Administrator), 4 Erin Evans (role Support Manager); 2 rounds
                  next 14 days, to Sat 2026-12-05 21:30 CST:
                    Mon 2026-11-23 08:00 CST  primary Alice Adams -> Bob Brown; secondary Bob Brown -> Carol Chen
                    Thu 2026-11-26 08:00 CST  primary Bob Brown -> Alice Adams (override thanksgiving-swap)
                    Fri 2026-11-27 08:00 CST  primary Alice Adams -> Bob Brown
                    Mon 2026-11-30 08:00 CST  primary Bob Brown -> Carol Chen; secondary Carol Chen -> Alice Adams
                  coverage gaps: none

                county: County Client Care hotline ((866) 435-7684)
                  at:         Sat 2026-11-21 21:30 CST
                  helpdesk:   after hours (outside business hours)
                  primary:    Frank Fischer  PJSIP/+12125550106@trunk
                  secondary:  Grace Green  PJSIP/+14155550107@trunk
                  escalation: 1 Frank Fischer (primary on call), 2 Ivan Ito (role Account Manager), \
                3 Judy Jones (role Account Director), 4 Ken Kim (role Senior Account Director), \
                5 Laura Lopez (role VP of Client Care)
                  next 14 days, to Sat 2026-12-05 21:30 CST:
                    Sun 2026-11-22 06:00 CST  primary Frank Fischer -> Grace Green; secondary Grace Green -> Henry Hill
                    Mon 2026-11-23 06:00 CST  primary Grace Green -> Henry Hill; secondary Henry Hill -> Frank Fischer
                """;
        assertTrue(result.out().startsWith(main), result.out());
        // client-care hands off daily at 07:00 New York (06:00 Chicago): 14 hand-offs, each one member on
        assertEquals(14, result.out().lines().filter(l -> l.contains(" 06:00 CST  primary ")).count());
        assertTrue(result.out().endsWith("""
                    Sat 2026-12-05 06:00 CST  primary Grace Green -> Henry Hill; secondary Henry Hill -> Frank Fischer
                  coverage gaps: none

                """), result.out());
    }

    /** Without --at it answers for now: the clock is fixed at Saturday 2026-11-21 21:08 CST. */
    @Test
    void withoutAtItAnswersForNow() {
        OnCallCommand command = new OnCallCommand();
        command.clock = Clock.fixed(Instant.parse("2026-11-22T03:08:00Z"), ZoneOffset.UTC);

        Result result = run(command);

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().startsWith("""
                main: Emergency Support Line (913-201-6503)
                  at:         Sat 2026-11-21 21:08 CST
                  helpdesk:   after hours (outside business hours)
                  primary:    Alice Adams  PJSIP/+19135550101@trunk, PJSIP/alice
                  secondary:  Bob Brown  PJSIP/+19135550102@trunk
                """), result.out());
        assertTrue(result.out().contains("""
                county: County Client Care hotline ((866) 435-7684)
                  at:         Sat 2026-11-21 21:08 CST
                  helpdesk:   after hours (outside business hours)
                  primary:    Frank Fischer  PJSIP/+12125550106@trunk
                  secondary:  Grace Green  PJSIP/+14155550107@trunk
                """), result.out());
    }

    @ParameterizedTest(name = "--at {0}")
    @CsvSource(delimiter = '|', value = {
        // Monday in business hours: week 46 (bob, carol); callers are transferred to the helpdesk
        "2026-11-23T10:00 | open: callers are transferred to (913) 322-4666 | Bob Brown | Carol Chen",
        // Thanksgiving: a holiday all day, and alice covers bob (the override replaces bob only)
        "2026-11-26T10:00 | after hours (holiday Thanksgiving) | Alice Adams | Carol Chen",
        "2026-11-27T07:59 | after hours (outside business hours) | Alice Adams | Carol Chen",
        "2026-11-27T08:00 | open: callers are transferred to (913) 322-4666 | Bob Brown | Carol Chen",
        // the Christmas temporary schedule: bob from Thursday 08:00, carol secondary all week; the half-day closure
        "2026-12-24T12:30 | after hours (closure Christmas Eve half day) | Bob Brown | Carol Chen",
        "2026-12-24T23:30 | after hours (outside business hours) | Bob Brown | Carol Chen",
        "2026-12-23T10:00 | open: callers are transferred to (913) 322-4666 | Alice Adams | Carol Chen",
        // Independence Day 2026 is a Saturday, observed on Friday; week 25 (from 06-29): bob, carol
        "2026-07-03T10:00 | after hours (holiday Independence Day (observed)) | Bob Brown | Carol Chen",
        // an offset given: 16:00Z is 10:00 CST
        "2026-11-23T16:00:00Z | open: callers are transferred to (913) 322-4666 | Bob Brown | Carol Chen",
        "2026-11-23T10:00-06:00 | open: callers are transferred to (913) 322-4666 | Bob Brown | Carol Chen",
    })
    void atAnotherTime(String at, String helpdesk, String primary, String secondary) {
        Result result = run(new OnCallCommand(), "--at", at);

        assertEquals(0, result.exit(), result.err());
        List<String> main = result.out().lines().limit(6).toList();
        assertEquals("  helpdesk:   " + helpdesk, main.get(2));
        assertTrue(main.get(3).startsWith("  primary:    " + primary + "  "), main.get(3));
        assertTrue(main.get(4).startsWith("  secondary:  " + secondary + "  "), main.get(4));
        // the county hotline is 24/7: never open
        assertTrue(result.out().contains("county: County Client Care hotline ((866) 435-7684)\n"
                + "  at:         " + main.get(1).substring(14) + "\n  helpdesk:   after hours (outside business hours)\n"));
    }

    /**
     * Monday 2026-03-09 07:30 CDT, the morning after the clocks sprang forward: week 9 (alice, bob) starts at 08:00
     * CDT. client-care: day 67 (from 03-09 07:00 EDT = 06:00 CDT) is grace's (67 mod 3 = 1); the next at 06:00 CDT.
     */
    @Test
    void theMorningAfterTheClocksChange() {
        Result result = run(new OnCallCommand(), "--at", "2026-03-09T07:30", "--days", "1");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("""
                  at:         Mon 2026-03-09 07:30 CDT
                  helpdesk:   after hours (outside business hours)
                  primary:    Carol Chen  PJSIP/+13035550103@trunk
                  secondary:  Alice Adams  PJSIP/+19135550101@trunk, PJSIP/alice
                """), result.out());
        assertTrue(result.out().contains("""
                  next 1 days, to Tue 2026-03-10 07:30 CDT:
                    Mon 2026-03-09 08:00 CDT  primary Carol Chen -> Alice Adams; secondary Alice Adams -> Bob Brown
                  coverage gaps: none
                """), result.out());
        assertTrue(result.out().contains("""
                  primary:    Grace Green  PJSIP/+14155550107@trunk
                  secondary:  Henry Hill  PJSIP/+16025550108@trunk
                """), result.out());
        assertTrue(result.out().contains(
                "    Tue 2026-03-10 06:00 CDT  primary Grace Green -> Henry Hill; secondary Henry Hill -> Frank Fischer\n"),
                result.out());
    }

    /**
     * The sample with two holes: carol is secondary only until Saturday of Christmas week, and the only Hosted
     * Administrator is inactive. Before the week, week 49 (from 12-14) is bob's, with carol as secondary: carol stays
     * secondary when the temporary schedule starts, so only the primary changes hands on Monday.
     */
    @Test
    void coverageGapsAreListed() throws Exception {
        String sample = java.nio.file.Files.readString(java.nio.file.Path.of("config/oncall.yaml"));
        java.nio.file.Path holey = TestDatabases.targetDir("oncall-" + setup + ".yaml");
        java.nio.file.Files.createDirectories(holey.getParent());
        java.nio.file.Files.writeString(holey, sample
                .replace("{position: secondary, person: carol, from: 2026-12-21T08:00, until: 2026-12-28T08:00}",
                        "{position: secondary, person: carol, from: 2026-12-21T08:00, until: 2026-12-26T08:00}")
                .replace("roles: [Hosted Administrator]", "roles: [Hosted Administrator]\n    active: false"));

        Result result = run(new OnCallCommand(), "--file", holey.toString(), "--at", "2026-12-21T00:00", "--days", "7");
        java.nio.file.Files.delete(holey);

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("""
                  next 7 days, to Mon 2026-12-28 00:00 CST:
                    Mon 2026-12-21 08:00 CST  primary Bob Brown -> Alice Adams (temporary schedule christmas-2026)
                    Thu 2026-12-24 08:00 CST  primary Alice Adams -> Bob Brown (temporary schedule christmas-2026)
                    Sat 2026-12-26 08:00 CST  secondary Carol Chen -> nobody (temporary schedule christmas-2026)
                  coverage gaps:
                    secondary on call: nobody from Sat 2026-12-26 08:00 CST to Mon 2026-12-28 00:00 CST \
                (temporary schedule christmas-2026)
                    step 3 (role Hosted Administrator): nobody from Mon 2026-12-21 00:00 CST to Mon 2026-12-28 00:00 CST \
                (no active person has the role Hosted Administrator)
                """), result.out());
    }

    @Test
    void onAFreshDatabaseItAnswersWithTheSampleAsServeWould() {
        setup = "fresh-" + UUID.randomUUID().toString().substring(0, 18); // nothing imported into this one
        setups.add(setup);
        OnCallCommand oncall = new OnCallCommand();
        oncall.seedFile = java.nio.file.Path.of("config/oncall.yaml");

        Result result = run(oncall, "--at", "2026-11-22T03:30:00Z");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("primary:    Alice Adams"), result.out());
        assertTrue(result.err().contains("was empty: imported config/oncall.yaml"), result.err());
        assertEquals(0, run(new OnCallCommand(), "--at", "2026-11-22T03:30:00Z").err().length(),
                "seeded once; the second time it is just there");
    }

    @Test
    void aBadAtIsRefused() {
        Result result = run(new OnCallCommand(), "--at", "Christmas");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("--at: 'Christmas' is not a date and time"), result.err());
    }

    record Result(int exit, String out, String err) {
    }

    Result run(SetupCommand command, String... args) {
        command.database = TestDatabases.shared();
        command.setupName = setup;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
