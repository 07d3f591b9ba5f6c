package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.afterhours.callflow.OptionalPrompts;
import org.afterhours.callflow.TechnicianConnector;
import org.afterhours.oncall.Fixtures;
import org.afterhours.oncall.RuleBook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before the port opens, information calls run through the call flow, and leave nothing behind. */
@Tag("clock")
class WarmUpTest {
    @TempDir
    Path data;

    @Test
    void the_warm_up_plays_its_calls_through_the_flow_rings_nobody_and_leaves_no_journal_behind() throws Exception {
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"),
                Map.of("AFTERHOURS_DATA_DIR", data.toString()));
        RuleBook rules = RuleBook.of(Fixtures.procedure().build());
        TechnicianConnector nobody = (line, record, caller) -> {
            throw new AssertionError("a warm-up call must never ring anyone");
        };
        // Tuesday 10:00 in Chicago: business hours, so the flow itself must move the warm-up calls to after hours.
        Clock tuesdayMorning = Clock.fixed(Instant.parse("2026-11-17T16:00:00Z"), ZoneOffset.UTC);

        WarmUp.Played played = WarmUp.run(40, config, rules, nobody, OptionalPrompts.NONE, tuesdayMorning);

        assertEquals(40, played.calls());
        assertTrue(played.commands() >= 40 * 20, "the whole information path, not the daytime transfer: "
                + played.commands() + " commands");
        assertFalse(Files.exists(data.resolve("warm-up-journal")), "its journal is deleted");
        assertFalse(Files.exists(data.resolve("journal")), "the node's own journal is never touched");
    }
}
