package org.afterhours.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("clock")
class RuleBookTest {

    /** "us" is +1 (913) 555-0100; "uk" is +44 20 7946 0100, whose last ten digits differ. */
    private static final RuleBook BOOK = Fixtures.procedure()
            .line(Fixtures.line("us", "+1 (913) 555-0100", "techs", "default"))
            .line(Fixtures.line("uk", "+44 20 7946 0100", "techs", "default"))
            .book();

    @ParameterizedTest(name = "''{0}'' is line {1}")
    @CsvSource({
        "19135550100,         us",
        "+1 (913) 555-0100,   us",
        "913-555-0100,        us",     // no country code: the national number decides
        "9135550100,          us",
        "442079460100,        uk",
        "913-201-6503,        main",
        "+1 913 201 6503,     main",
        "5550100,             none",   // too short to be a national number
        "'',                  none",
        "not a number,        none",
    })
    void dialledNumbersAreComparedOnTheirDigits(String dialled, String line) {
        assertEquals(line, BOOK.lineForDialledNumber(dialled).map(Line::id).orElse("none"));
    }

    @Test
    void theRefreshingBookKeepsItsLastGoodSetupWhenTheSourceFailsOrHoldsAnInvalidOne() {
        OnCallSetup good = Fixtures.procedure().build();
        OnCallSetup invalid = Fixtures.procedure().rotation(Fixtures.weekly("x", "nobody-by-that-name")).build();
        Object[] stored = {1L, good};
        RuleBookSource source = new RuleBookSource() {
            @Override
            public long version() {
                if (stored[1] == null) {
                    throw new IllegalStateException("database down");
                }
                return (Long) stored[0];
            }

            @Override
            public VersionedSetup load() {
                return new VersionedSetup((Long) stored[0], (OnCallSetup) stored[1]);
            }
        };
        try (RefreshingRuleBook book = new RefreshingRuleBook(source)) {
            assertEquals(List.of(), book.lines(), "nothing before the first load");

            assertTrue(book.refresh());
            assertEquals(1, book.loadedVersion());
            Optional<Person> primary = book.onCall("main", Position.PRIMARY, Instant.parse("2026-11-24T03:00:00Z"));

            stored[0] = 2L;
            stored[1] = invalid;
            assertFalse(book.refresh(), "an invalid setup is not taken");
            stored[1] = null;
            assertFalse(book.refresh(), "the source is down");

            assertEquals(1, book.loadedVersion());
            assertEquals(primary, book.onCall("main", Position.PRIMARY, Instant.parse("2026-11-24T03:00:00Z")));
            assertTrue(book.snapshot() instanceof SnapshotRuleBook, "a call can hold one immutable view");
        }
    }
}
