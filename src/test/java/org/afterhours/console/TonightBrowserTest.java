package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Tonight, on the fixture's clock (Monday 09:00: the helpdesk is open, so the page shows last night and now). */
@Tag("clock")
class TonightBrowserTest extends ConsoleBrowserTest {

    @Test
    void a_live_emergency_shows_who_is_rung_and_the_page_follows_the_next_ring_without_reload() {
        Instant start = ConsoleFixture.NOW.minusSeconds(20);
        String live = fixture.liveCall(start, "Night Caller", "carol");
        browser.logIn("alice").open("/tonight");
        String calls = browser.text("tonight-calls");
        assertTrue(calls.contains(live) && calls.contains("Carol Tester (mobile) ringing"), calls);

        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("window.sameDocument = true;");
        fixture.ringNext(live, start, "carol", "bob");
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d ->
                d.findElement(By.id("tonight-calls")).getText().contains("Bob Tester (mobile) ringing"));
        assertEquals(Boolean.TRUE, ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript("return window.sameDocument === true;"), "updated in place, not reloaded");
        assertTrue(!browser.text("tonight-calls").contains("Carol Tester (mobile) ringing"));
    }

    @Test
    void a_waiting_message_shows_its_one_hour_clock_counted_from_when_it_was_kept() {
        browser.logIn("alice").open("/tonight?at=2031-01-08T09:30:00Z");
        assertEquals(fixture.message + " Pat Caller +13165550123: 31 min 0 s left", messageLine());
        browser.open("/tonight?at=2031-01-08T10:31:01Z");
        assertEquals(fixture.message + " Pat Caller +13165550123: overdue by 30 min 1 s", messageLine());
    }

    /** The fixture message's line: every message still waiting is listed, other tests' too on the shared database. */
    private String messageLine() {
        return java.util.Arrays.stream(browser.text("messages").split("\n"))
                .filter(line -> line.startsWith(fixture.message + " ")).findFirst().orElse("");
    }
}
