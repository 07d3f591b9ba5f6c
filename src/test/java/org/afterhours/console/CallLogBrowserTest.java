package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The call log and a call's page, driven in headless Chromium. */
@Tag("clock")
class CallLogBrowserTest extends ConsoleBrowserTest {
    @Test
    void a_technician_logs_in_and_sees_the_weeks_calls_in_the_log() {
        browser.logIn("alice").open("/calls?from=2031-01-06&until=2031-01-12&line=" + fixture.lineId);
        String log = browser.text("calls");
        assertTrue(log.contains(fixture.emergency), log);
        assertTrue(log.contains(fixture.message), log);
        assertTrue(log.contains(fixture.escalated), log);
        browser.open("/calls?from=2031-01-06&until=2031-01-12&line=" + fixture.lineId + "&triage=NON_EMERGENCY");
        assertTrue(browser.text("calls").contains(fixture.message));
        assertFalse(browser.text("calls").contains(fixture.emergency));
    }

    @Test
    void the_log_filters_mine_and_incomplete_only() {
        browser.logIn("bob").open("/calls?from=2031-01-06&until=2031-01-12&mine=1&line=" + fixture.lineId);
        String mine = browser.text("calls");
        assertTrue(mine.contains(fixture.escalated), mine);
        assertFalse(mine.contains(fixture.emergency), mine);
    }

    @Test
    void an_entry_saved_with_a_missing_field_names_it_and_the_complete_one_is_kept_in_the_history() {
        browser.logIn("alice").open("/calls/" + fixture.emergency);
        browser.find("summary").sendKeys("Server room UPS alarm");
        browser.find("resolution").sendKeys("Talked the caller through a safe shutdown");
        browser.find("completed_by-alice").click();
        browser.find("save").click();
        browser.waitFor(By.id("flash"));
        assertEquals("Saved. The entry is not complete: missing Ticket number.", browser.text("flash"));
        assertEquals("Still missing: Ticket number", browser.text("missing"));

        browser.find("ticket_number").sendKeys("T-20310107-1");
        browser.find("save").click();
        browser.waitFor(By.id("complete"));
        assertEquals("Saved. The entry is complete.", browser.text("flash"));

        List<WebElement> rows = browser.find("history").findElements(By.cssSelector("tbody tr"));
        assertEquals(4, rows.size(), browser.text("history"));
        String history = browser.text("history");
        assertTrue(history.contains("alice Summary Server room UPS alarm"), history);
        assertTrue(history.contains("alice Completed by alice"), history);
        assertTrue(history.contains("Mon 2031-01-13 09:00 alice Ticket number T-20310107-1"), history);
    }

    @Test
    void an_escalated_call_is_signed_by_the_on_call_technician_and_the_one_who_took_it() {
        browser.logIn("bob").open("/calls/" + fixture.escalated);
        browser.find("completed_by-bob").click();
        browser.find("save").click();
        browser.waitFor(By.id("flash"));
        assertEquals("Not saved: Completed by must include Alice Tester (on call).", browser.text("flash"));
        assertTrue(browser.text("history").endsWith("No changes yet."), browser.text("history"));
    }

    @Test
    void on_a_phone_the_pages_fit_the_screen_and_wide_tables_scroll_inside_it() {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            for (String page : List.of("/calls?line=" + fixture.lineId, "/calls/" + fixture.escalated)) {
                browser.logIn("alice").open(page);
                Object overflow = ((JavascriptExecutor) browser.driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0L, ((Number) overflow).longValue(), page + " is wider than the phone");
            }
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void the_message_plays_in_the_browser_from_the_recordings_folder() {
        browser.logIn("alice").open("/calls/" + fixture.message);
        browser.waitFor(By.id("message"));
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        // HAVE_METADATA or better: the browser fetched the file (with a range request) and decoded its header.
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d ->
                ((Number) js.executeScript("return document.getElementById('message').readyState")).intValue() >= 1);
        Number duration = (Number) js.executeScript("return document.getElementById('message').duration");
        assertEquals(1.0, duration.doubleValue(), 0.01);

        browser.find("responded").click();
        browser.waitFor(By.id("flash"));
        assertEquals("Called back", browser.text("message-status"), "the status in words, not its code");
        assertTrue(browser.text("after-call").contains("MESSAGE_RESPONDED Alice Tester console"),
                browser.text("after-call"));
    }

    @Test
    void a_call_page_lists_every_ring_and_draws_the_timeline() {
        browser.logIn("alice").open("/calls/" + fixture.escalated);
        String rings = browser.text("attempts");
        assertTrue(rings.contains("Alice Tester"), rings);
        assertTrue(rings.contains("NO_ANSWER"), rings);
        assertTrue(rings.contains("Bob Tester"), rings);
        assertEquals(3, browser.find("timeline").findElements(By.tagName("rect")).size());
        assertTrue(browser.text("events").contains("TECHNICIAN_ACCEPTED"));
    }
}
