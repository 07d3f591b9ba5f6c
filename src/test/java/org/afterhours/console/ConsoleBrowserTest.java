package org.afterhours.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A console with its fixture and one headless Chromium, shared by the tests of a class. */
abstract class ConsoleBrowserTest {
    static ConsoleFixture fixture;
    static Browser browser;

    @BeforeAll
    static void startConsoleAndBrowser() throws Exception {
        fixture = new ConsoleFixture();
        browser = new Browser(fixture);
    }

    @AfterAll
    static void stopConsoleAndBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        fixture.close();
    }
}
