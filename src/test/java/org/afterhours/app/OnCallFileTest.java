package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.Problem;
import org.afterhours.oncall.SetupException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The setup file: the sample reads, every mistake is named by its field path, and writing then reading round-trips. */
@Tag("clock")
class OnCallFileTest {
    static final Path SAMPLE = Path.of("config/oncall.yaml");

    @Test
    void theSampleHasTwoLinesTheFourProcedureRolesTwoRotationsAndHolidays() {
        OnCallSetup sample = OnCallFile.read(SAMPLE);

        assertEquals(List.of("main", "county"), sample.lines().stream().map(l -> l.id()).toList());
        assertEquals(List.of("main-techs", "client-care"), sample.rotations().stream().map(r -> r.id()).toList());
        for (String role : List.of("On-Call Support Technician", "Second Call Support Technician", "Hosted Administrator",
                "Support Manager")) {
            assertTrue(sample.people().stream().anyMatch(p -> p.hasRole(role)), role);
        }
        assertEquals(6, sample.holidayCalendars().getFirst().holidays().size());
        assertEquals(5, sample.escalationPolicies().get(1).steps().size(), "the contract's five tiers");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // what the sample says | what it is changed to | the problem reported
        "members: [frank, grace, henry] | members: [robert, grace, henry]"
            + " | rotations[1].members[0]: unknown person 'robert'",
        "~    rotation: main-techs\\n    escalation: default~ | ~    escalation: default~"
            + " | lines[0].rotation: is required",
        "handoff: \"07:00\" | handoff: \"25:00\""
            + " | rotations[1].handoff: '25:00' is not a time such as \"08:00\" (quote it)",
        "~    email: alice@example.com~ | ~    emial: alice@example.com~"
            + " | people[0].emial: unknown field (known: active, contacts, email, id, name, roles, zone)",
        "hours: [\"Mon-Fri 08:00-17:00\"] | hours: [\"Mon-Fri 8-17\"]"
            + " | lines[0].hours[0]: 'Mon-Fri 8-17' is not like 'Mon-Fri 08:00-17:00'",
        "hours: [\"Mon-Fri 08:00-17:00\"] | hours: [\"Mon 17:00-08:00\"]"
            + " | lines[0].hours: Monday 17:00-08:00 closes before it opens (a period ends on the day it starts;"
            + " 00:00 means midnight)",
        "{name: Christmas Day, date: 12-25} | {name: Christmas Day, date: 12-25, observed: sometimes}"
            + " | holidayCalendars[0].holidays[5].observed: 'sometimes' is not none, nearest-weekday or next-weekday",
        "{name: Thanksgiving, date: fourth Thursday of November} | {name: Thanksgiving, date: fifth Thursday of November}"
            + " | holidayCalendars[0].holidays[4].date: 'fifth Thursday of November' is neither MM-DD nor a rule such"
            + " as 'fourth Thursday of November' or 'last Monday of May'",
        "numbers: [\"(866) 435-7684\"] | numbers: [\"+1 913 201 6503\"]"
            + " | lines[1].numbers[0]: '+1 913 201 6503' is already a number of line 'main'",
        "escalation: contract-tiers | escalation: contract"
            + " | lines[1].escalation: unknown escalation policy 'contract'",
        "{role: Account Manager, ringSeconds: 30} | {role: Account Manager, person: ivan}"
            + " | escalationPolicies[1].steps[1].onCall: a step names exactly one target: onCall, rotation (with"
            + " position), role or person",
        "{role: Account Director, ringSeconds: 30} | {role: Account Directors, ringSeconds: 30}"
            + " | escalationPolicies[1].steps[2].role: no person has the role 'Account Directors'",
        "{onCall: secondary, ringSeconds: 30} | {onCall: secondary, ringSeconds: 2}"
            + " | escalationPolicies[0].steps[1].ringSeconds: must be 5 to 300 seconds, not 2",
        "{label: mobile, dial: PJSIP/+19135550102@trunk} | {label: mobile, dial: \"PJSIP/bob,30,tT\"}"
            + " | people[1].contacts[0].dial: 'PJSIP/bob,30,tT' is not an Asterisk dial string such as PJSIP/alice or"
            + " PJSIP/+19135550100@trunk (no spaces, commas, quotes, pipes or semicolons)",
        "~    until: 2026-11-27T08:00~ | ~    until: 2026-11-26T08:00~"
            + " | overrides[0].until: must be after from (2026-11-26T14:00:00Z)",
        "~    replaces: bob~ | ~    replaces: bobby~"
            + " | overrides[0].replaces: unknown person 'bobby'",
        "~    zone: America/Denver~ | ~    zone: America/Springfield~"
            + " | people[2].zone: 'America/Springfield' is not a time zone such as America/Chicago",
        "shift: daily | shift: fortnightly"
            + " | rotations[1].shift: 'fortnightly' is not weekly, daily or 'every N days'",
        "~  - id: bob~ | ~  - id: alice~"
            + " | people[1].id: 'alice' is already the id of people[0]",
        "{position: primary, person: bob, from: 2026-12-24T08:00 | {position: primary, person: bob, from: 2026-12-23T08:00"
            + " | temporarySchedules[0].shifts[1]: overlaps shifts[0] for primary",
    })
    void eachMistakeIsNamedByItsFieldPath(String sampleText, String changedTo, String problem) throws IOException {
        // "\\n" in the table stands for a line break
        String original = sampleText.replace("\\n", "\n");
        String sample = Files.readString(SAMPLE);
        assertTrue(sample.contains(original), "the sample contains: " + original);
        String changed = sample.replace(original, changedTo.replace("\\n", "\n"));

        SetupException refused = assertThrows(SetupException.class,
                () -> OnCallFile.parse(new StringReader(changed), "test.yaml"));

        // the first problem is the change itself; a renamed id also leaves the old one unknown further down
        assertEquals(problem, refused.problems().getFirst().toString(), refused.getMessage());
        assertTrue(refused.getMessage().contains(problem));
    }

    private static final String TWO_TECHS = """
            people:
              - {id: ann, contacts: [{dial: PJSIP/ann}]}
              - {id: ben, contacts: [{dial: PJSIP/ben}]}
            escalationPolicies:
              - {id: default, steps: [{onCall: primary}]}
            lines:
              - {id: one, numbers: ["100"], rotation: r, daytime: message-and-voicemail}
            """;

    @Test
    void aWeeklyRotationMayHandOffOnADayOtherThanItsStartsWeekday() throws IOException {
        // Wednesday 2026-01-07; hand-offs on Mondays at 08:00: ann holds the week running then, ben the next.
        String yaml = TWO_TECHS + """
                rotations:
                  - {id: r, start: 2026-01-07, handoffDay: Monday, members: [ann, ben]}
                """;

        org.afterhours.oncall.RuleBook book = org.afterhours.oncall.RuleBook.of(
                OnCallFile.parse(new StringReader(yaml), "test.yaml", java.time.Instant.EPOCH));

        java.time.ZoneId chicago = java.time.ZoneId.of("America/Chicago");
        assertEquals("ann", onCall(book, "2026-01-07T12:00", chicago));
        assertEquals("ann", onCall(book, "2026-01-12T07:59", chicago));
        assertEquals("ben", onCall(book, "2026-01-12T08:00", chicago));
        assertEquals(java.time.DayOfWeek.MONDAY, book.rotation("r").orElseThrow().startDate().getDayOfWeek());
    }

    @Test
    void aHandoffDayNeedsAShiftOfWholeWeeks() {
        String yaml = TWO_TECHS + """
                rotations:
                  - {id: r, start: 2026-01-07, shift: daily, handoffDay: Monday, members: [ann, ben]}
                """;

        SetupException refused = assertThrows(SetupException.class,
                () -> OnCallFile.parse(new StringReader(yaml), "test.yaml"));

        assertEquals("rotations[0].handoffDay: needs a shift of whole weeks (weekly, every 14 days...), not 1 days",
                refused.problems().getFirst().toString());
    }

    @Test
    void anOverrideWithoutCreatedWasCreatedWhenTheFileWasImported() throws IOException {
        java.time.Instant importedAt = java.time.Instant.parse("2026-11-20T15:00:00Z");
        String yaml = TWO_TECHS + """
                rotations:
                  - {id: r, start: 2026-01-05, members: [ann, ben]}
                overrides:
                  - {id: older, rotation: r, person: ben, from: 2026-11-23T08:00, until: 2026-11-24T08:00, created: 2026-11-01T00:00}
                  - {id: new, rotation: r, person: ann, from: 2026-11-23T08:00, until: 2026-11-24T08:00}
                """;

        OnCallSetup setup = OnCallFile.parse(new StringReader(yaml), "test.yaml", importedAt);

        assertEquals(importedAt, setup.overrides().get(1).created());
        assertEquals("ann", onCall(org.afterhours.oncall.RuleBook.of(setup), "2026-11-23T12:00",
                java.time.ZoneId.of("America/Chicago")), "the newer override wins");
    }

    private static String onCall(org.afterhours.oncall.RuleBook book, String localTime, java.time.ZoneId zone) {
        return book.onCall("one", org.afterhours.oncall.Position.PRIMARY,
                java.time.LocalDateTime.parse(localTime).atZone(zone).toInstant()).orElseThrow().id();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = """
                people:
                  - {id: ann, contacts: [{dial: PJSIP/ann}]}
                rotations:
                  - {id: r, start: 2026-01-05, members: [ann, ben]}
                escalationPolicies:
                  - {id: default, steps: [{onCall: primary}]}
                lines:
                  - {id: one, numbers: ["100"], rotation: q}
                """;

        SetupException refused = assertThrows(SetupException.class,
                () -> OnCallFile.parse(new StringReader(yaml), "test.yaml"));

        assertEquals(List.of("rotations[0].members[1]: unknown person 'ben'", "lines[0].rotation: unknown rotation 'q'",
                "lines[0].daytime: 'transfer' needs helpdesk.phone to transfer to"),
                refused.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void brokenYamlNamesTheLine() {
        SetupException refused = assertThrows(SetupException.class,
                () -> OnCallFile.parse(new StringReader("people:\n  - id: ann\n   name: [unclosed\n"), "broken.yaml"));

        assertTrue(refused.problems().getFirst().path().startsWith("broken.yaml line "), refused.getMessage());
    }

    @Test
    void writingThenReadingGivesTheSameSetup() throws IOException {
        OnCallSetup sample = OnCallFile.read(SAMPLE);
        StringWriter written = new StringWriter();
        OnCallFile.write(sample, written);

        OnCallSetup reread = OnCallFile.parse(new StringReader(written.toString()), "exported.yaml");
        StringWriter rewritten = new StringWriter();
        OnCallFile.write(reread, rewritten);

        assertEquals(sample, reread);
        assertEquals(written.toString(), rewritten.toString(), "a second export is identical text");
    }

    @Test
    void everyKindOfThingRoundTripsThroughTheFile() throws IOException {
        OnCallSetup everything = org.afterhours.oncall.Fixtures.everything();
        StringWriter written = new StringWriter();
        OnCallFile.write(everything, written);

        assertEquals(everything, OnCallFile.parse(new StringReader(written.toString()), "exported.yaml"));
    }
}
