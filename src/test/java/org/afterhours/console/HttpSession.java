package org.afterhours.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A console visitor without a browser: cookies kept, redirects not followed, forms posted by hand. */
final class HttpSession {
    private static final Pattern TOKEN = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");

    record Response(int status, String body, HttpResponse<String> raw) {
        String location() {
            return raw.headers().firstValue("Location").orElse("");
        }
    }

    final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ConsoleFixture fixture;

    HttpSession(ConsoleFixture fixture) {
        this.fixture = fixture;
    }

    static HttpSession logIn(ConsoleFixture fixture, String person) throws IOException, InterruptedException {
        HttpSession session = new HttpSession(fixture);
        Response login = session.post("/login", session.token("/login"), Map.of("person", person, "password",
                ConsoleFixture.PASSWORD));
        if (login.status() != 303) {
            throw new AssertionError("login of " + person + " answered " + login.status() + ": " + login.body());
        }
        return session;
    }

    /** The CSRF token of the form on {@code page}. */
    String token(String page) throws IOException, InterruptedException {
        Response r = get(page);
        Matcher m = TOKEN.matcher(r.body());
        if (!m.find()) {
            throw new AssertionError(page + " has no CSRF token: " + r.status() + " " + r.body());
        }
        return m.group(1);
    }

    /** GET with request headers given as name, value, name, value... */
    Response get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** Posts {@code form}, with the CSRF token when it is not null. */
    Response post(String path, String token, Map<String, String> form) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (token != null) {
            fields.put(Pages.CSRF_FIELD, token);
        }
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(fixture.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r);
    }
}
