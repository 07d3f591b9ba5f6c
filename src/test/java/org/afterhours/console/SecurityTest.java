package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpCookie;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;

/** What the console must never let through. */
@Tag("clock")
class SecurityTest {
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
    void a_script_in_the_caller_id_name_is_shown_as_text_on_every_page_that_shows_it() throws Exception {
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        for (String page : new String[] {"/calls?from=2031-01-06&until=2031-01-12&line=" + fixture.lineId, "/calls/" + fixture.emergency,
                "/tonight?at=2031-01-07T08:20:00Z"}) {
            String body = alice.get(page).body();
            assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page + " shows the name escaped");
            assertFalse(body.contains(ConsoleFixture.HOSTILE_NAME), page + " never writes it as markup");
        }
        String csv = alice.get("/calls.csv?from=2031-01-06&until=2031-01-12&line=" + fixture.lineId).body();
        assertTrue(csv.contains(ConsoleFixture.HOSTILE_NAME), "the CSV holds the name as it was sent: " + csv);
    }

    @Test
    void the_browser_shows_the_script_as_text_and_runs_nothing() throws Exception {
        try (Browser browser = new Browser(fixture)) {
            browser.logIn("alice").open("/calls/" + fixture.emergency);
            assertEquals(ConsoleFixture.HOSTILE_NAME, browser.text("caller-name"));
            assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
            browser.open("/calls?from=2031-01-06&until=2031-01-12&line=" + fixture.lineId);
            assertTrue(browser.text("calls").contains(ConsoleFixture.HOSTILE_NAME));
            assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
        }
    }

    @Test
    void a_form_posted_without_its_csrf_token_is_refused_and_changes_nothing() throws Exception {
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        HttpSession.Response refused = alice.post("/calls/" + fixture.message + "/complete", null,
                Map.of("summary", "forged"));
        assertEquals(403, refused.status());
        HttpSession.Response wrong = alice.post("/calls/" + fixture.message + "/complete", "bogus.token.value",
                Map.of("summary", "forged"));
        assertEquals(403, wrong.status());
        assertEquals(null, fixture.calls.call(fixture.message).orElseThrow().completion().summary());
        assertEquals(403, new HttpSession(fixture).post("/login", null, Map.of("person", "alice", "password",
                ConsoleFixture.PASSWORD)).status(), "the login form has its token too");
    }

    @Test
    void a_form_still_posts_after_another_page_was_opened_in_a_second_tab() throws Exception {
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        String first = alice.token("/calls/" + fixture.message);
        alice.get("/tonight");
        alice.token("/oncall");
        HttpSession.Response saved = alice.post("/calls/" + fixture.message + "/complete", first,
                Map.of("summary", "called back"));
        assertEquals(303, saved.status());
        assertEquals("called back", fixture.calls.call(fixture.message).orElseThrow().completion().summary());
        fixture.calls.complete(fixture.message, org.afterhours.calllog.Completion.empty(), "test",
                ConsoleFixture.NOW);
    }

    @Test
    void a_technician_cannot_open_another_technicians_pay_form_or_the_setup() throws Exception {
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        assertEquals(403, alice.get("/pay/bob?line=" + fixture.lineId + "&week=2031-01-06").status());
        assertEquals(403, alice.get("/pay/bob.csv?line=" + fixture.lineId + "&week=2031-01-06").status());
        assertEquals(403, alice.get("/setup").status());
        HttpSession.Response overview = alice.get("/pay?line=" + fixture.lineId + "&week=2031-01-06");
        assertFalse(overview.body().contains("Bob Tester"), "the overview lists only her own row");
        String token = alice.token("/oncall");
        assertEquals(403, alice.post("/oncall/overrides", token, Map.of("rotation", "techs", "position", "primary",
                "person", "alice", "from", "2031-01-20T08:00", "until", "2031-01-21T08:00")).status());
        assertEquals(200, alice.get("/pay/alice?line=" + fixture.lineId + "&week=2031-01-06").status());

        HttpSession erin = HttpSession.logIn(fixture, "erin");
        assertEquals(200, erin.get("/pay/bob?line=" + fixture.lineId + "&week=2031-01-06").status());
        assertEquals(200, erin.get("/setup").status());
    }

    @Test
    void a_session_cookie_from_before_a_logout_no_longer_works() throws Exception {
        HttpSession alice = HttpSession.logIn(fixture, "alice");
        assertEquals(200, alice.get("/calls").status());
        String before = alice.cookie("afterhours.session");
        assertEquals(303, alice.post("/logout", alice.token("/calls"), Map.of()).status());

        HttpSession replay = new HttpSession(fixture);
        HttpCookie stolen = new HttpCookie("afterhours.session", before);
        stolen.setPath("/");
        stolen.setVersion(0);
        replay.cookies.getCookieStore().add(URI.create(fixture.url("/")), stolen);
        HttpSession.Response answer = replay.get("/calls");
        assertEquals(303, answer.status());
        assertEquals("/login", answer.location());
    }

    @Test
    void recordings_are_served_in_ranges_and_only_to_people_logged_in() throws Exception {
        String file = "/recordings/0/" + fixture.message + ".wav";
        HttpSession.Response anonymous = new HttpSession(fixture).get(file);
        assertEquals(303, anonymous.status());
        assertEquals("/login", anonymous.location());

        HttpSession alice = HttpSession.logIn(fixture, "alice");
        HttpSession.Response part = alice.get(file, "Range", "bytes=0-11");
        assertEquals(206, part.status());
        assertEquals("bytes 0-11/16044", part.raw().headers().firstValue("Content-Range").orElse(""));
        assertTrue(part.body().startsWith("RIFF"), "the start of the WAV file");
        assertEquals(404, alice.get("/recordings/0/../../../../etc/passwd").status());
    }

    @Test
    void a_wrong_password_is_refused() throws Exception {
        HttpSession visitor = new HttpSession(fixture);
        HttpSession.Response r = visitor.post("/login", visitor.token("/login"), Map.of("person", "alice",
                "password", "not the password"));
        assertEquals(401, r.status());
        assertTrue(r.body().contains("Unknown person or wrong password."));
        assertEquals(303, visitor.get("/calls").status());
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_strict() throws Exception {
        HttpSession visitor = new HttpSession(fixture);
        String setCookie = visitor.get("/login").raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("afterhours.session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HTTPOnly") || setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
    }
}
