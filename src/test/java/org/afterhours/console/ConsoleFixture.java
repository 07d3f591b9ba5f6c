package org.afterhours.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.db.Database;
import org.afterhours.db.JdbcAfterCallLog;
import org.afterhours.db.JdbcAfterCallRecord;
import org.afterhours.db.JdbcDueWorkQueue;
import org.afterhours.db.JdbcFollowUpBook;
import org.afterhours.db.JdbcCallLogQueries;
import org.afterhours.db.JdbcCallLogStore;
import org.afterhours.db.JdbcConsolePasswords;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.db.TestDatabases;
import org.afterhours.followup.AfterCallSettings;
import org.afterhours.followup.AfterCallStores;
import org.afterhours.followup.FollowUp;
import org.afterhours.followup.FollowUps;
import org.afterhours.followup.Obligations;
import org.afterhours.oncall.ContactPoint;
import org.afterhours.oncall.DaytimeRouting;
import org.afterhours.oncall.EscalationPolicy;
import org.afterhours.oncall.EscalationStep;
import org.afterhours.oncall.Helpdesk;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OnCallOverride;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RefreshingRuleBook;
import org.afterhours.oncall.Rotation;
import org.afterhours.oncall.StepTarget;

/**
 * A console on the shared test database with a setup and calls of its own, on a fixed clock.
 *
 * <p>The hand-worked week: Monday 2031-01-06 08:00 to Monday 2031-01-13 08:00, Chicago (CST, UTC-6). The weekly
 * rotation alice, bob, carol started 2026-01-05, 261 weeks earlier (261 = 3 x 87), so alice is primary and bob
 * secondary all week, except that an override (made the week before) has carol cover alice's primary from
 * Thursday 18:00 to Friday 08:00 (14 hours). Three calls:
 * <ol>
 * <li>{@link #emergency}: Tue 02:10, caller name {@code <script>alert(1)</script>}, alice accepts at the first ring.
 * <li>{@link #message}: Wed 03:00, a non-emergency message (a real WAV file in the recordings folder).
 * <li>{@link #escalated}: Wed 22:00, alice does not answer, bob (step 2) accepts.
 * </ol>
 * The clock stands at Monday 2031-01-13 09:00 Chicago, the morning the form is handed in. Two follow-ups are open:
 * the emergency's, due a day after it and so overdue, and the message's, due at 11:00 today.
 */
final class ConsoleFixture implements AutoCloseable {
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final Instant NOW = Instant.parse("2031-01-13T15:00:00Z");
    static final LocalDate WEEK = LocalDate.of(2031, 1, 6);
    static final String PASSWORD = "correct horse battery";
    static final String HOSTILE_NAME = "<script>alert(1)</script>";

    final String setup = "ct" + ThreadLocalRandom.current().nextInt(1_000_000);
    final String lineId = "line-" + setup;
    final String emergency = reference();
    final String message = reference();
    final String escalated = reference();
    final Path recordings;
    final Database database = TestDatabases.shared();
    final RuleBookRepository repository = new RuleBookRepository(database.dataSource());
    final RefreshingRuleBook ruleBook;
    final JdbcCallLogQueries calls = new JdbcCallLogQueries(database.dataSource());
    final JdbcFollowUpBook followUpBook = new JdbcFollowUpBook(database.dataSource());
    static final Instant MESSAGE_FOLLOW_UP_DUE = Instant.parse("2031-01-13T17:00:00Z");
    final ConsoleServer server;
    private final List<String> references = new ArrayList<>(List.of(emergency, message, escalated));

    /** The one acknowledge-link token this console's notices would have carried: for the message call. */
    static final String VALID_ACKNOWLEDGE_TOKEN = "message-link-token";
    /** The after-the-call side the console reads and changes messages and follow-ups through (at {@link #NOW}). */
    final FollowUps followUps;
    /** References acknowledged through a link, in order. */
    final List<String> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();

    ConsoleFixture() {
        try {
            recordings = Files.createDirectories(TestDatabases.targetDir("console-recordings").resolve(setup));
            writeWav(recordings.resolve(message + ".wav"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repository.replace(setup, setup());
        ruleBook = new RefreshingRuleBook(repository.source(setup));
        ruleBook.refresh();
        JdbcConsolePasswords passwords = new JdbcConsolePasswords(database.dataSource(), setup);
        String hash = new PasswordHashing().hash(PASSWORD);
        for (String person : List.of("alice", "bob", "carol", "erin")) {
            passwords.store(person, hash, NOW);
        }
        writeCalls();
        oweFollowUps();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        followUps = new FollowUps(new AfterCallStores(new JdbcDueWorkQueue(database.dataSource()),
                new JdbcAfterCallRecord(database.dataSource()), followUpBook,
                new JdbcAfterCallLog(database.dataSource())), new Obligations(AfterCallSettings.DEFAULTS),
                java.util.Optional.empty(), clock);
        Console console = new Console(ruleBook, calls, passwords, repository.store(setup, ruleBook::refresh),
                clock, token -> {
                    if (!token.equals(VALID_ACKNOWLEDGE_TOKEN)) {
                        return java.util.Optional.empty();
                    }
                    acknowledged.add(message);
                    return java.util.Optional.of(message);
                }, java.util.Optional.of(followUps));
        ConsoleSettings settings = new ConsoleSettings("127.0.0.1", 0, null, null, List.of(recordings),
                Set.of("Support Manager"), Duration.ofHours(1), Duration.ofMillis(200));
        server = ConsoleServer.start(settings, console);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private OnCallSetup setup() {
        List<Person> people = List.of(person("alice", "On-Call Support Technician"),
                person("bob", "On-Call Support Technician"), person("carol", "On-Call Support Technician"),
                person("erin", "Support Manager"));
        Rotation rotation = new Rotation("techs", "Technicians", CHICAGO, LocalDate.of(2026, 1, 5),
                LocalTime.of(8, 0), 7, List.of("alice", "bob", "carol"), 1);
        EscalationPolicy policy = new EscalationPolicy("default", "default", List.of(
                new EscalationStep(new StepTarget.OnCall(Position.PRIMARY), Duration.ofSeconds(30), 1),
                new EscalationStep(new StepTarget.OnCall(Position.SECONDARY), Duration.ofSeconds(30), 1),
                new EscalationStep(new StepTarget.Role("Support Manager"), Duration.ofSeconds(30), 1)), 0);
        Line line = new Line(lineId, "Test line", List.of("+1 913 555 0199"), CHICAGO,
                new Helpdesk("(913) 322-4666", null, null), Line.DEFAULT_HOURS, DaytimeRouting.TRANSFER, "default",
                "techs", null, List.of(), null);
        OnCallOverride swap = new OnCallOverride("thursday-night", "techs", Position.PRIMARY, "carol", "alice",
                Instant.parse("2031-01-10T00:00:00Z"), Instant.parse("2031-01-10T14:00:00Z"),
                Instant.parse("2031-01-01T12:00:00Z"), "alice at a wedding");
        return new OnCallSetup(people, List.of(), List.of(rotation), List.of(policy), List.of(line), List.of(swap),
                List.of());
    }

    private static Person person(String id, String role) {
        return new Person(id, Character.toUpperCase(id.charAt(0)) + id.substring(1) + " Tester", Set.of(role),
                List.of(new ContactPoint("mobile", "PJSIP/" + id)), null, CHICAGO, true);
    }

    private void writeCalls() {
        Events e = new Events(emergency, Instant.parse("2031-01-07T08:10:00Z"));
        e.add(0, CallEventType.CALL_STARTED, "line", lineId, "dialled", "19135550199", "callerNumber",
                "+19135550100", "callerName", HOSTILE_NAME, "uniqueId", "1.1", "businessHours", "false");
        e.add(8, CallEventType.TRIAGED, "triage", "EMERGENCY");
        ring(e, 12, "leg-a1", "alice", 1, 20, "ACCEPTED", "1");
        e.add(21, CallEventType.TECHNICIAN_ACCEPTED, "leg", "leg-a1", "person", "alice", "personName",
                "Alice Tester", "afterMillis", "9000");
        e.add(21, CallEventType.ESCALATION_ENDED, "outcome", "ACCEPTED", "reason", "");
        e.add(600, CallEventType.CONVERSATION_ENDED, "talkMillis", "579000");
        e.add(601, CallEventType.CALL_ENDED, "step", "CONNECTED", "outcome", "CONNECTED");

        Events m = new Events(message, Instant.parse("2031-01-08T09:00:00Z"));
        m.add(0, CallEventType.CALL_STARTED, "line", lineId, "dialled", "19135550199", "callerNumber",
                "+13165550123", "callerName", "Pat Caller", "uniqueId", "1.2", "businessHours", "false");
        m.add(6, CallEventType.TRIAGED, "triage", "NON_EMERGENCY");
        m.add(60, CallEventType.VOICEMAIL_KEPT, "path", recordings.resolve(message).toString(), "format", "wav",
                "durationMillis", "1000", "urgent", "false");
        m.add(61, CallEventType.CALL_ENDED, "step", "VOICEMAIL", "outcome", "VOICEMAIL");

        Events x = new Events(escalated, Instant.parse("2031-01-09T04:00:00Z"));
        x.add(0, CallEventType.CALL_STARTED, "line", lineId, "dialled", "19135550199", "callerNumber",
                "+16205550111", "callerName", "Sam Server", "uniqueId", "1.3", "businessHours", "false");
        x.add(5, CallEventType.TRIAGED, "triage", "EMERGENCY");
        ring(x, 10, "leg-x1", "alice", 1, 40, "NO_ANSWER", "");
        ring(x, 41, "leg-x2", "bob", 2, 55, "ACCEPTED", "1");
        x.add(56, CallEventType.TECHNICIAN_ACCEPTED, "leg", "leg-x2", "person", "bob", "personName", "Bob Tester",
                "afterMillis", "46000");
        x.add(56, CallEventType.ESCALATION_ENDED, "outcome", "ACCEPTED", "reason", "");
        x.add(900, CallEventType.CALL_ENDED, "step", "CONNECTED", "outcome", "CONNECTED");

        List<CallEvent> all = new ArrayList<>();
        all.addAll(e.events);
        all.addAll(m.events);
        all.addAll(x.events);
        new JdbcCallLogStore(database.dataSource()).write(all);
    }

    /**
     * Straight into the book without reminders: nothing goes into the shared due table, where another test's poller
     * could pick it up.
     */
    private void oweFollowUps() {
        followUpBook.owe(new FollowUp(new ReferenceNumber(emergency), FollowUpCause.EMERGENCY,
                Instant.parse("2031-01-07T08:20:00Z"), Instant.parse("2031-01-08T08:10:00Z"),
                java.util.Optional.empty()), List.of());
        followUpBook.owe(new FollowUp(new ReferenceNumber(message), FollowUpCause.MESSAGE,
                Instant.parse("2031-01-08T09:01:00Z"), MESSAGE_FOLLOW_UP_DUE, java.util.Optional.empty()),
                List.of());
    }

    /** A call still going on at {@code start + seconds}: {@code person} ringing since 10 s after it began. */
    String liveCall(Instant start, String callerName, String person) {
        String reference = reference();
        references.add(reference);
        Events live = new Events(reference, start);
        live.add(0, CallEventType.CALL_STARTED, "line", lineId, "dialled", "19135550199", "callerNumber",
                "+17855550177", "callerName", callerName, "uniqueId", "1.9", "businessHours", "false");
        live.add(5, CallEventType.TRIAGED, "triage", "EMERGENCY");
        live.add(10, CallEventType.ATTEMPT_STARTED, "leg", "leg-l1", "person", person, "personName",
                Character.toUpperCase(person.charAt(0)) + person.substring(1) + " Tester", "contact", "mobile",
                "dial", "PJSIP/" + person, "round", "1", "step", "1", "target", "primary on call");
        new JdbcCallLogStore(database.dataSource()).write(live.events);
        return reference;
    }

    /** The live call's ring to {@code person} ends unanswered and {@code next} is rung. */
    void ringNext(String reference, Instant start, String person, String next) {
        Events more = new Events(reference, start);
        more.events.add(new CallEvent(new ReferenceNumber(reference), 4, start.plusSeconds(17),
                CallEventType.ATTEMPT_ENDED, Map.of("leg", "leg-l1", "person", person, "outcome", "NO_ANSWER",
                "key", "")));
        more.events.add(new CallEvent(new ReferenceNumber(reference), 5, start.plusSeconds(18),
                CallEventType.ATTEMPT_STARTED, Map.of("leg", "leg-l2", "person", next, "personName",
                Character.toUpperCase(next.charAt(0)) + next.substring(1) + " Tester", "contact", "mobile",
                "dial", "PJSIP/" + next, "round", "1", "step", "2", "target", "secondary on call")));
        new JdbcCallLogStore(database.dataSource()).write(more.events);
    }

    private static void ring(Events e, int at, String leg, String person, int step, int end, String outcome,
            String key) {
        e.add(at, CallEventType.ATTEMPT_STARTED, "leg", leg, "person", person, "personName",
                Character.toUpperCase(person.charAt(0)) + person.substring(1) + " Tester", "contact", "mobile",
                "dial", "PJSIP/" + person, "round", "1", "step", Integer.toString(step), "target",
                step == 1 ? "primary on call" : "secondary on call");
        if (outcome.equals("ACCEPTED")) {
            e.add(at + 5, CallEventType.ATTEMPT_ANSWERED, "leg", leg, "person", person);
        }
        e.add(end, CallEventType.ATTEMPT_ENDED, "leg", leg, "person", person, "outcome", outcome, "key", key);
    }

    /** Events of one call, seconds after its start. */
    private static final class Events {
        final ReferenceNumber reference;
        final Instant start;
        final List<CallEvent> events = new ArrayList<>();

        Events(String reference, Instant start) {
            this.reference = new ReferenceNumber(reference);
            this.start = start;
        }

        void add(int seconds, CallEventType type, String... attributes) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < attributes.length; i += 2) {
                map.put(attributes[i], attributes[i + 1]);
            }
            events.add(new CallEvent(reference, events.size() + 1, start.plusSeconds(seconds), type, map));
        }
    }

    /** One second of silence, 8 kHz 16-bit mono PCM: what Asterisk's wav format writes. */
    private static void writeWav(Path file) throws IOException {
        int samples = 8000;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        Files.write(file, b.array());
    }

    /** Seven digits starting 55, unlikely to meet another test's reference in the shared database. */
    private static String reference() {
        return "55" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    @Override
    public void close() {
        server.close();
        ruleBook.close();
        try (Connection c = database.dataSource().getConnection()) {
            for (String table : List.of("call_event", "call_attempt", "call_record_edit", "call_record",
                    "follow_up", "after_call_event")) {
                for (String reference : references) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE reference = ?")) {
                        s.setString(1, reference);
                        s.executeUpdate();
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM console_credential WHERE setup = ?")) {
                s.setString(1, setup);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        repository.delete(setup);
    }
}
