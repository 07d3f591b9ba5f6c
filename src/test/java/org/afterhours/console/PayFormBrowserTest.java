package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.afterhours.calllog.Completion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The pay form of the hand-worked week in {@link ConsoleFixture}: Monday 2031-01-06 08:00 to Monday 2031-01-13
 * 08:00 Chicago, 168 hours. alice is primary all week but for carol's 14-hour override: 154 and 14 hours; bob is
 * secondary all 168. alice took the first emergency; the second was escalated to bob (step 2), who took it. alice
 * owns two incomplete entries (the call she took and the message left while she was primary), bob one.
 */
@Tag("clock")
class PayFormBrowserTest extends ConsoleBrowserTest {
    /** Tests here complete bob's entry; each starts from the week as it was. */
    @BeforeEach
    void entries_as_left_by_the_week() {
        fixture.calls.complete(fixture.escalated, Completion.empty(), "test", ConsoleFixture.NOW);
    }

    @Test
    void the_manager_sees_every_technicians_hand_worked_totals_for_the_week() {
        browser.logIn("erin").open("/pay?line=" + fixture.lineId + "&week=2031-01-06");
        assertEquals("Alice Tester 154.00 0.00 1 0 2: form blocked", browser.text("pay-alice"));
        assertEquals("Bob Tester 0.00 168.00 1 1 1: form blocked", browser.text("pay-bob"));
        assertEquals("Carol Tester 14.00 0.00 0 0 0", browser.text("pay-carol"));
    }

    @Test
    void the_week_just_ended_is_the_default_on_the_monday_it_is_handed_in() {
        browser.logIn("alice").open("/pay/alice?line=" + fixture.lineId);
        assertTrue(browser.pageText().contains("Mon 2031-01-06 08:00 to Mon 2031-01-13 08:00"), browser.pageText());
        assertEquals("154.00", browser.text("primary-hours"));
    }

    @Test
    void incomplete_entries_block_the_form_until_they_are_completed() {
        browser.logIn("bob").open("/pay/bob?line=" + fixture.lineId + "&week=2031-01-06");
        assertEquals("168.00", browser.text("secondary-hours"));
        assertEquals("1", browser.text("calls-taken"));
        assertEquals("1", browser.text("calls-escalated"));
        assertTrue(browser.text("blocked").contains(fixture.escalated));
        assertEquals(0, browser.driver.findElements(By.id("print")).size());

        fixture.calls.complete(fixture.escalated, new Completion("Mail server down", "Restarted the service",
                "T-1", "bob"), "bob", ConsoleFixture.NOW);
        browser.open("/pay/bob?line=" + fixture.lineId + "&week=2031-01-06");
        assertEquals(0, browser.driver.findElements(By.id("blocked")).size());
        assertEquals(1, browser.driver.findElements(By.id("print")).size());
    }

    @Test
    void the_form_downloads_as_csv_once_complete() throws Exception {
        fixture.calls.complete(fixture.escalated, new Completion("Mail server down", "Restarted the service",
                "T-1", "bob"), "bob", ConsoleFixture.NOW);
        HttpSession bob = HttpSession.logIn(fixture, "bob");
        HttpSession.Response csv = bob.get("/pay/bob.csv?line=" + fixture.lineId + "&week=2031-01-06");
        assertEquals(200, csv.status());
        List<String> lines = csv.body().lines().toList();
        assertEquals("Mon 2031-01-06 08:00,Mon 2031-01-13 08:00," + fixture.lineId
                + ",bob,Bob Tester,0.00,168.00,1,1," + fixture.escalated + "," + fixture.escalated, lines.get(1));
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        assertEquals(409, alice.get("/pay/alice.csv?line=" + fixture.lineId + "&week=2031-01-06").status());
    }
}
