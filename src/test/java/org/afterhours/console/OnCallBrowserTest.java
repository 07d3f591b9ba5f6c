package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The on-call page at Monday 2031-01-13 09:00 Chicago: bob's week as primary (carol secondary) began at 08:00, after
 * alice's (bob secondary).
 */
@Tag("clock")
class OnCallBrowserTest extends ConsoleBrowserTest {
    @Test
    void the_page_shows_who_is_on_call_now_and_the_next_fourteen_days() {
        browser.logIn("alice").open("/oncall");
        assertEquals("Bob Tester", browser.text("primary-now"));
        assertEquals("Mon 2031-01-13 Alice Tester 00:00–08:00 Bob Tester 08:00–24:00 "
                + "Bob Tester 00:00–08:00 Carol Tester 08:00–24:00", oneLine(browser.text("day-2031-01-13")));
        assertEquals(14, browser.find("calendar-" + fixture.lineId).findElements(By.cssSelector("tbody tr")).size());
        assertEquals(0, browser.driver.findElements(By.id("override-form")).size(), "technicians add no overrides");
    }

    @Test
    void a_manager_adds_an_override_and_the_calendar_shows_it() {
        browser.logIn("erin").open("/oncall");
        fillOverride("carol", "2031-01-15T18:00", "2031-01-16T08:00");
        browser.waitFor(By.id("flash"));
        assertEquals("Override added.", browser.text("flash"));
        assertEquals("Wed 2031-01-15 Bob Tester 00:00–18:00 Carol Tester 18:00–24:00 (override) "
                + "Carol Tester 00:00–24:00", oneLine(browser.text("day-2031-01-15")));
        assertTrue(oneLine(browser.text("day-2031-01-16")).startsWith(
                "Thu 2031-01-16 Carol Tester 00:00–08:00 (override) Bob Tester 08:00–24:00"),
                browser.text("day-2031-01-16"));
    }

    @Test
    void an_override_is_validated_as_an_import_would_be() {
        browser.logIn("erin").open("/oncall");
        fillOverride("carol", "2031-01-20T08:00", "2031-01-19T08:00");
        browser.waitFor(By.id("flash"));
        String flash = browser.text("flash");
        assertTrue(flash.startsWith("Override not added: overrides[1].until: must be after from"), flash);
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }

    private static void fillOverride(String person, String from, String until) {
        new org.openqa.selenium.support.ui.Select(browser.find("override-person")).selectByValue(person);
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        WebElement fromField = browser.find("override-from");
        WebElement untilField = browser.find("override-until");
        js.executeScript("arguments[0].value = arguments[1]; arguments[2].value = arguments[3];", fromField, from,
                untilField, until);
        browser.find("add-override").click();
    }
}
