package org.afterhours.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.afterhours.console.Console;
import org.afterhours.console.ConsoleServer;
import org.afterhours.console.ConsoleSettings;
import org.afterhours.console.PasswordHashing;
import org.afterhours.db.Database;
import org.afterhours.db.DatabaseSettings;
import org.afterhours.db.JdbcCallLogQueries;
import org.afterhours.db.JdbcConsolePasswords;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.oncall.ContactPoint;
import org.afterhours.oncall.DaytimeRouting;
import org.afterhours.oncall.EscalationPolicy;
import org.afterhours.oncall.EscalationStep;
import org.afterhours.oncall.Helpdesk;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RefreshingRuleBook;
import org.afterhours.oncall.Rotation;
import org.afterhours.oncall.StepTarget;

/**
 * The call log page with 100,000 calls in the database (issue 11: under 200 ms). Fills a database of its own (the
 * embedded one under target/bench/console-db, or AFTERHOURS_DB_URL's, which must be a scratch database) with a year
 * of calls on two lines, starts the console on loopback, logs in, and times whole HTTP requests of the log page:
 * the first page, a filtered month, "incomplete only", "mine", and page 101 (older than the 5,000th call). Prints a Markdown table.
 */
public final class ConsoleLogBench {
    private static final int CALLS = 100_000;
    private static final int WARMUP = 200;
    private static final int REQUESTS = 500;
    private static final Instant NOW = Instant.parse("2031-01-13T15:00:00Z");
    private static final String SETUP = "bench-console";
    private static final String PASSWORD = "bench console password";

    public static void main(String[] args) throws Exception {
        String url = System.getenv("AFTERHOURS_DB_URL");
        DatabaseSettings settings = url == null || url.isBlank()
                ? DatabaseSettings.embedded(Path.of("target/bench/console-db").toAbsolutePath())
                : DatabaseSettings.external(url, System.getenv().getOrDefault("AFTERHOURS_DB_USER", "root"),
                        System.getenv().getOrDefault("AFTERHOURS_DB_PASSWORD", ""));
        try (Database database = Database.start(settings)) {
            RuleBookRepository repository = new RuleBookRepository(database.dataSource());
            repository.replace(SETUP, setup());
            new JdbcConsolePasswords(database.dataSource(), SETUP).store("alice", new PasswordHashing().hash(PASSWORD),
                    NOW);
            fill(database);
            RefreshingRuleBook book = new RefreshingRuleBook(repository.source(SETUP));
            book.refresh();
            Console console = new Console(book, new JdbcCallLogQueries(database.dataSource()),
                    new JdbcConsolePasswords(database.dataSource(), SETUP), repository.store(SETUP, book::refresh),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            ConsoleServer server = ConsoleServer.start(ConsoleSettings.defaults(List.of(Path.of("/nonexistent"))).onPort(0),
                    console);
            try {
                run(server.port(), cursorAfter(database, 5_000));
            } finally {
                server.close();
                book.close();
            }
        }
    }

    /** The link to page 101: older than the 5,000th newest call. */
    private static String cursorAfter(Database database, int calls) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT started_at, reference FROM call_record"
                     + " ORDER BY started_at DESC, reference DESC LIMIT 1 OFFSET " + (calls - 1))) {
            rs.next();
            return new org.afterhours.calllog.CallCursor(rs.getObject(1, java.time.LocalDateTime.class)
                    .toInstant(ZoneOffset.UTC), rs.getString(2), true).token();
        }
    }

    private static void run(int port, String deepCursor) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port;
        String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"").matcher(login);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "person=alice&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&X-XSRF-TOKEN=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        int status = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 303) {
            throw new IllegalStateException("login answered " + status);
        }
        List<String> pages = List.of("/calls", "/calls?from=2030-12-01&until=2030-12-31&line=bench-a",
                "/calls?incomplete=1", "/calls?mine=1", "/calls?older=" + deepCursor);
        System.out.println("| page (100,000 calls) | p50 ms | p90 ms | p99 ms | max ms |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (String page : pages) {
            Histogram h = new Histogram(60_000_000_000L, 3);
            for (int i = 0; i < WARMUP + REQUESTS; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + page)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - start;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(page + " answered " + r.statusCode());
                }
                if (i >= WARMUP) {
                    h.recordValue(took);
                }
            }
            System.out.printf("| `%s` | %.1f | %.1f | %.1f | %.1f |%n", page, ms(h, 50), ms(h, 90), ms(h, 99),
                    h.getMaxValue() / 1e6);
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    /** A year of calls before NOW, two lines, a few per night; every tenth incomplete; alice took about a third. */
    private static void fill(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection()) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM call_record WHERE reference LIKE '3%'")) {
                rs.next();
                if (rs.getLong(1) >= CALLS) {
                    System.err.println("bench: " + rs.getLong(1) + " calls already there");
                    return;
                }
            }
            c.setAutoCommit(false);
            Random random = new Random(11);
            String people = "alice,bob,carol";
            try (PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO call_record (reference, line_id,"
                    + " dialled_number, caller_id_number, caller_id_name, started_at, ended_at, business_hours, triage,"
                    + " outcome, escalation_outcome, accepted_by, accepted_after_ms, summary, resolution, ticket_number,"
                    + " completed_by, completed_at) VALUES (?, ?, '19135550199', ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?)")) {
                for (int i = 0; i < CALLS; i++) {
                    Instant started = NOW.minusSeconds((long) (random.nextDouble() * 365 * 24 * 3600));
                    boolean emergency = random.nextInt(3) == 0;
                    String taker = emergency ? people.split(",")[random.nextInt(3)] : null;
                    boolean complete = random.nextInt(10) != 0;
                    insert.setString(1, Integer.toString(3_000_000 + i));
                    insert.setString(2, random.nextBoolean() ? "bench-a" : "bench-b");
                    insert.setString(3, "+1913555" + String.format("%04d", random.nextInt(10_000)));
                    insert.setString(4, "Caller " + i);
                    insert.setObject(5, java.time.LocalDateTime.ofInstant(started, ZoneOffset.UTC));
                    insert.setObject(6, java.time.LocalDateTime.ofInstant(started.plusSeconds(90), ZoneOffset.UTC));
                    insert.setString(7, emergency ? "EMERGENCY" : "NON_EMERGENCY");
                    insert.setString(8, emergency ? "CONNECTED" : "VOICEMAIL");
                    insert.setString(9, emergency ? "ACCEPTED" : null);
                    insert.setString(10, taker);
                    if (emergency) {
                        insert.setInt(11, 5_000 + random.nextInt(60_000));
                    } else {
                        insert.setNull(11, java.sql.Types.INTEGER);
                    }
                    insert.setString(12, complete ? "summary " + i : null);
                    insert.setString(13, complete ? "resolution " + i : null);
                    insert.setString(14, complete ? "T-" + i : null);
                    insert.setString(15, complete ? (taker == null ? "alice" : taker) : null);
                    insert.setObject(16, complete ? java.time.LocalDateTime.ofInstant(started.plusSeconds(3600),
                            ZoneOffset.UTC) : null);
                    insert.addBatch();
                    if (i % 2_000 == 1_999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE TABLE call_record");
            }
            System.err.println("bench: " + CALLS + " calls written");
        }
    }

    private static OnCallSetup setup() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        List<Person> people = List.of("alice", "bob", "carol").stream().map(id -> new Person(id, id, Set.of(
                "On-Call Support Technician"), List.of(new ContactPoint("mobile", "PJSIP/" + id)), null, chicago,
                true)).toList();
        Rotation rotation = new Rotation("techs", "Technicians", chicago, LocalDate.of(2026, 1, 5),
                LocalTime.of(8, 0), 7, List.of("alice", "bob", "carol"), 1);
        EscalationPolicy policy = new EscalationPolicy("default", "default", List.of(new EscalationStep(
                new StepTarget.OnCall(Position.PRIMARY), Duration.ofSeconds(30), 1)), 0);
        List<Line> lines = List.of("bench-a", "bench-b").stream().map(id -> new Line(id, id,
                List.of(id.equals("bench-a") ? "+1 913 555 0199" : "+1 913 555 0198"), chicago,
                new Helpdesk("(913) 322-4666", null, null), Line.DEFAULT_HOURS, DaytimeRouting.TRANSFER, "default",
                "techs", null, List.of(), null)).toList();
        return new OnCallSetup(people, List.of(), List.of(rotation), List.of(policy), lines, List.of(), List.of());
    }
}
