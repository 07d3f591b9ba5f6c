package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("clock")
class ReportsTest {

    @Test
    void percentiles_are_nearest_rank() {
        List<Long> ten = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(Duration.ofMillis(5), Reports.percentile(ten, 50));
        assertEquals(Duration.ofMillis(9), Reports.percentile(ten, 90));
        assertEquals(Duration.ofMillis(9000), Reports.percentile(List.of(9000L, 46000L), 50));
        assertEquals(Duration.ofMillis(46000), Reports.percentile(List.of(9000L, 46000L), 90));
        assertNull(Reports.percentile(List.of(), 50));
    }

    @Test
    void the_reports_page_measures_the_fixture_week() throws Exception {
        try (ConsoleFixture fixture = new ConsoleFixture()) {
            HttpSession alice = HttpSession.logIn(fixture, "alice");
            String page = alice.get("/reports?line=" + fixture.lineId).body();
            // Two emergencies accepted after 9 s and 46 s; one message, not answered.
            assertEquals(true, page.contains("<tr id=\"week-2031-01-06\"><td>2031-01-06</td><td>2</td><td>9 s</td>"
                    + "<td>46 s</td><td>1</td><td>0%</td></tr>"), page);
            assertEquals(true, page.contains("<svg class=\"chart\" id=\"chart-nights\""));
        }
    }
}
