package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The "I am handling it" link of a message notice, opened on a phone without logging in: the link shows a button,
 * the button acknowledges. A mail scanner that fetches every link in an email acknowledges nothing.
 */
@Tag("clock")
class AcknowledgeLinkTest {
    private static ConsoleFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ConsoleFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void opening_the_link_only_offers_the_button_and_pressing_it_acknowledges_the_message() throws Exception {
        HttpSession phone = new HttpSession(fixture);
        String page = "/acknowledge?token=" + ConsoleFixture.VALID_ACKNOWLEDGE_TOKEN;

        HttpSession.Response opened = phone.get(page);
        assertEquals(200, opened.status());
        assertTrue(opened.body().contains("I am handling it"), opened.body());
        assertEquals(List.of(), fixture.acknowledged, "fetching the link acknowledges nothing");

        HttpSession.Response pressed = phone.post("/acknowledge", phone.token(page),
                Map.of("token", ConsoleFixture.VALID_ACKNOWLEDGE_TOKEN));
        assertEquals(200, pressed.status());
        assertTrue(pressed.body().contains("message " + fixture.message + " is yours"), pressed.body());
        assertEquals(List.of(fixture.message), fixture.acknowledged);
        fixture.acknowledged.clear();
    }

    @Test
    void a_forged_or_expired_token_is_refused_and_a_post_without_the_form_token_too() throws Exception {
        HttpSession phone = new HttpSession(fixture);
        String csrf = phone.token("/acknowledge?token=forged");

        HttpSession.Response forged = phone.post("/acknowledge", csrf, Map.of("token", "forged<script>"));
        assertEquals(400, forged.status());
        assertTrue(forged.body().contains("not valid or has expired"), forged.body());
        assertTrue(!forged.body().contains("forged<script>"), "the token is never echoed unescaped");

        assertEquals(403, phone.post("/acknowledge", null, Map.of("token", ConsoleFixture.VALID_ACKNOWLEDGE_TOKEN))
                .status());
        assertEquals(List.of(), fixture.acknowledged);
    }
}
