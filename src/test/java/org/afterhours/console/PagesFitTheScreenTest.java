package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page of the console fits the screens it is used on, measured in Chromium: a 1366 px laptop and a 390 px
 * phone. No page is wider than the window (a table may scroll inside its own box, the page never sideways), and at
 * 1366 px the call log and the pay form fit their box without a scroll bar.
 */
@Tag("clock")
class PagesFitTheScreenTest extends ConsoleBrowserTest {

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1366, 390})
    void no_page_is_wider_than_the_screen(int width) {
        browser.logIn("erin"); // a manager: the setup page too
        emulate(width);
        List<String> tooWide = new ArrayList<>();
        for (String page : List.of("/tonight", "/calls", "/calls/" + fixture.emergency, "/calls/" + fixture.escalated,
                "/calls/" + fixture.message, "/followups", "/oncall", "/pay", "/pay/alice?line=" + fixture.lineId,
                "/reports", "/setup")) {
            browser.open(page);
            long overflow = ((Number) script("return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth")).longValue();
            if (overflow > 0) {
                tooWide.add(page + " by " + overflow + " px");
            }
        }
        assertEquals(List.of(), tooWide, "pages wider than a " + width + " px screen");
    }

    @ParameterizedTest(name = "{0} fits its box at 1366 px")
    @ValueSource(strings = {"/calls #calls", "/pay #pay"})
    void the_call_log_and_the_pay_form_need_no_sideways_scrolling_on_a_laptop(String pageAndTable) {
        browser.logIn("erin");
        emulate(1366);
        assertEquals(0, hiddenSideways(pageAndTable), "px of the table cut off in its box: " + pageAndTable);
    }

    @ParameterizedTest(name = "{0} stacks as cards on a phone")
    @ValueSource(strings = {"/calls #calls", "/pay #pay", "/followups #followups", "/tonight #tonight-calls"})
    void lists_stack_as_cards_on_a_phone_with_nothing_off_screen(String pageAndTable) {
        browser.logIn("erin");
        emulate(390);
        assertEquals(0, hiddenSideways(pageAndTable), "px of the list off-screen: " + pageAndTable);
        long navigation = ((Number) script("return document.querySelector('header.bar').offsetHeight")).longValue();
        assertTrue(navigation <= 64, "the navigation takes " + navigation + " px of the phone's screen");
    }

    /** How much of the table its box hides (it would scroll sideways inside the page). */
    private long hiddenSideways(String pageAndTable) {
        String[] parts = pageAndTable.split(" #");
        browser.open(parts[0]);
        return ((Number) script("var box = document.getElementById('" + parts[1] + "').parentElement;"
                + " return box.scrollWidth - box.clientWidth")).longValue();
    }

    private void emulate(int width) {
        ((ChromeDriver) browser.driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", width > 1000 ? 768 : 844, "deviceScaleFactor", 1,
                        "mobile", width < 1000));
    }

    private Object script(String js) {
        return ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(js);
    }
}
