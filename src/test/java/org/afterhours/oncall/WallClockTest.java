package org.afterhours.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("clock")
class WallClockTest {

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({
        // an ordinary time
        "America/Chicago, 2026-01-05T08:00, 2026-01-05T14:00:00Z",
        // spring forward 2026-03-08: 02:00-02:59 does not exist; it means the jump itself, 03:00 CDT
        "America/Chicago, 2026-03-08T02:00, 2026-03-08T08:00:00Z",
        "America/Chicago, 2026-03-08T02:30, 2026-03-08T08:00:00Z",
        "America/Chicago, 2026-03-08T02:59, 2026-03-08T08:00:00Z",
        "America/Chicago, 2026-03-08T03:00, 2026-03-08T08:00:00Z",
        "America/Chicago, 2026-03-08T01:59, 2026-03-08T07:59:00Z",
        // fall back 2026-11-01: 01:00-01:59 happens twice; it means the first time (CDT, -05:00)
        "America/Chicago, 2026-11-01T01:00, 2026-11-01T06:00:00Z",
        "America/Chicago, 2026-11-01T01:30, 2026-11-01T06:30:00Z",
        "America/Chicago, 2026-11-01T02:00, 2026-11-01T08:00:00Z",
        // a zone whose DST changes at another date and hour
        "Europe/London, 2026-03-29T01:30, 2026-03-29T01:00:00Z",
        "Europe/London, 2026-10-25T01:30, 2026-10-25T00:30:00Z",
        // no DST at all
        "America/Phoenix, 2026-03-08T02:30, 2026-03-08T09:30:00Z",
    })
    void aWallClockTimeMeansOneInstant(String zone, String local, String expected) {
        assertEquals(Instant.parse(expected), WallClock.toInstant(LocalDateTime.parse(local), ZoneId.of(zone)));
    }
}
