package org.afterhours.callflow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.afterhours.agi.server.AgiScriptRouter;
import org.afterhours.agi.server.AgiServer;
import org.afterhours.agi.server.AgiServerSettings;
import org.afterhours.agi.server.SessionListener;
import org.afterhours.calllog.BlockReferenceNumbers;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallJournal;
import org.afterhours.calllog.JournalEntry;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.escalation.EmergencyDesk;
import org.afterhours.escalation.EscalationPlanner;
import org.afterhours.escalation.EscalationSettings;
import org.afterhours.oncall.ContactPoint;
import org.afterhours.oncall.DaytimeRouting;
import org.afterhours.oncall.EscalationPolicy;
import org.afterhours.oncall.EscalationStep;
import org.afterhours.oncall.Helpdesk;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.Rotation;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.StepTarget;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.ResAgiResponder;
import org.afterhours.simulator.SimulatedCall;

/**
 * The caller's side as Asterisk meets it: the real FastAGI server running the after-hours script over TCP, a
 * one-line rule book (Mon-Fri 8-17 Central, help desk +1 913 322 4666), a journal in a temporary folder, and a
 * clock fixed at the instant a test chooses.
 */
final class FlowFixture implements AutoCloseable {
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    /** Sunday 22 November 2026, 03:00 in Chicago: after hours. */
    static final Instant NIGHT = LocalDate.of(2026, 11, 22).atTime(3, 0).atZone(CHICAGO).toInstant();
    /** Monday 23 November 2026, 10:00 in Chicago: the help desk is open. */
    static final Instant DAYTIME = LocalDate.of(2026, 11, 23).atTime(10, 0).atZone(CHICAGO).toInstant();

    final CallJournal journal;
    final List<String> voicemailAlerts = new CopyOnWriteArrayList<>();
    final List<String> recordingAlerts = new CopyOnWriteArrayList<>();
    private final AgiServer server;
    private TechnicianConnector.Result technicianResult = TechnicianConnector.Result.UNAVAILABLE;

    final EmergencyDesk desk = new EmergencyDesk();

    /** A line whose emergencies end at a connector that answers {@link #technicianWill}. */
    FlowFixture(Path journalDirectory, Instant now, DaytimeRouting routing) throws InterruptedException {
        this(journalDirectory, now, routing, null);
    }

    /** A line whose emergencies ring people through {@code pbx}, screened by the server's screening script. */
    FlowFixture(Path journalDirectory, Instant now, DaytimeRouting routing, FakePbx pbx)
            throws InterruptedException {
        this(journalDirectory, now, routing, pbx, FlowSettings.defaults(), OptionalPrompts.NONE);
    }

    /**
     * As above, with the caller's side configured as {@code flow} says, and {@code optionalPrompts} the prompts
     * rendered for lines and people the server knows of.
     */
    FlowFixture(Path journalDirectory, Instant now, DaytimeRouting routing, FakePbx pbx, FlowSettings flow,
                OptionalPrompts optionalPrompts) throws InterruptedException {
        this(journalDirectory, now, routing, pbx, flow, optionalPrompts, 1);
    }

    /** As above, with the on-call technician's step of the policy tried {@code primaryAttempts} times. */
    FlowFixture(Path journalDirectory, Instant now, DaytimeRouting routing, FakePbx pbx, FlowSettings flow,
                OptionalPrompts optionalPrompts, int primaryAttempts) throws InterruptedException {
        journal = CallJournal.open(journalDirectory);
        AtomicLong blocks = new AtomicLong();
        BlockReferenceNumbers references = new BlockReferenceNumbers(blocks::getAndIncrement,
                journalDirectory.resolve("offline-counter"), 0, Runnable::run);
        VoicemailAlerts alerts = new VoicemailAlerts() {
            @Override
            public void voicemailLeft(ReferenceNumber reference, Line line, String path, boolean urgent) {
                voicemailAlerts.add(reference + " " + line.id() + " " + path + (urgent ? " urgent" : ""));
            }

            @Override
            public void recordingFailed(ReferenceNumber reference, Line line, String path, String reason) {
                recordingAlerts.add(reference + " " + line.id() + " " + path + " " + reason);
            }
        };
        RuleBook rules = ruleBook(routing, primaryAttempts);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
        EscalationSettings escalation = new EscalationSettings(Duration.ofSeconds(4), "+19132016503", List.of("Hosted Administrator", "Support Manager"), Duration.ofSeconds(5));
        TechnicianConnector technicians = pbx == null ? (line, record, caller) -> TechnicianSearch.ended(technicianResult)
                : new EscalatingConnector(EscalationPlanner.over(rules), pbx, desk, escalation,
                        new HoldSettings(Duration.ofSeconds(45), null), new ManagerAlerts(rules, pbx, desk, escalation),
                        clock);
        AfterHoursScript script = new AfterHoursScript(rules, references, journal, flow,
                technicians, alerts, clock, optionalPrompts);
        server = new AgiServer(AgiServerSettings.defaults().withPort(0),
                new AgiScriptRouter().register(AfterHoursScript.PATH, script)
                        .register(ScreeningScript.PATH, new ScreeningScript(desk, escalation.screeningTimeout(),
                                pbx == null ? clock : pbx.screeningClock, optionalPrompts)),
                SessionListener.NONE, Clock.systemUTC()).start();
        if (pbx != null) {
            pbx.serverPort(server.port());
        }
    }

    int port() {
        return server.port();
    }

    void technicianWill(TechnicianConnector.Result result) {
        technicianResult = result;
    }

    AsteriskSimulator.Result call(String keys, int hangupAt) throws IOException {
        return call(new ResAgiResponder(keys, hangupAt).withSounds(FlowFixture::shippedSound));
    }

    /** The prompts we ship exist on this Asterisk; prompts rendered for one line do not, until an admin makes them. */
    static boolean shippedSound(String name) {
        return !name.startsWith("afterhours/lines/");
    }

    AsteriskSimulator.Result call(ResAgiResponder asterisk) throws IOException {
        return call("afterhours?line=main", asterisk);
    }

    AsteriskSimulator.Result call(String script, ResAgiResponder asterisk) throws IOException {
        return call(script, asterisk, line -> { });
    }

    /** {@code dialogue} sees each line as it happens: a command before Asterisk answers it. */
    AsteriskSimulator.Result call(String script, ResAgiResponder asterisk,
                                  java.util.function.Consumer<String> dialogue) throws IOException {
        SimulatedCall call = SimulatedCall.to(script).from("+13125550142", "Pat Caller").dialling("+19132016503");
        return new AsteriskSimulator("127.0.0.1", server.port(), Duration.ofSeconds(10))
                .play(call, asterisk, dialogue);
    }

    /** Every event the journal holds, in order (none is written to a database in these tests). */
    List<CallEvent> events() throws InterruptedException {
        List<CallEvent> events = new ArrayList<>();
        journal.flush(); // the syncer forces every few ms; a test reads at once
        for (JournalEntry entry : journal.pending(100_000, Duration.ZERO)) {
            events.add(entry.event());
        }
        return events;
    }

    List<CallEventType> types() throws InterruptedException {
        return events().stream().map(CallEvent::type).toList();
    }

    ReferenceNumber reference() throws InterruptedException {
        return events().get(0).reference();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        journal.close();
    }

    private static RuleBook ruleBook(DaytimeRouting routing, int primaryAttempts) {
        Person alice = person("alice", "technician");
        Person bob = person("bob", "technician");
        Person hanna = person("hanna", "Hosted Administrator");
        Person sam = person("sam", "Support Manager");
        Rotation technicians = new Rotation("techs", "Technicians", CHICAGO, LocalDate.of(2026, 11, 2),
                LocalTime.of(8, 0), 7, List.of("alice", "bob"), 1);
        EscalationPolicy policy = new EscalationPolicy("default", "Procedure", List.of(
                new EscalationStep(new StepTarget.OnCall(Position.PRIMARY), Duration.ofSeconds(30), primaryAttempts),
                new EscalationStep(new StepTarget.OnCall(Position.SECONDARY), Duration.ofSeconds(30), 1),
                new EscalationStep(new StepTarget.Role("Hosted Administrator"), Duration.ofSeconds(30), 1),
                new EscalationStep(new StepTarget.Role("Support Manager"), Duration.ofSeconds(30), 1)), 0);
        Line main = new Line("main", "Main after-hours line", List.of("+1 913 201 6503"), CHICAGO,
                new Helpdesk("+1 (913) 322-4666", "help@example.com", "https://support.example.com/"),
                Line.DEFAULT_HOURS, routing, "default", "techs", null, List.of(), null);
        return RuleBook.of(new OnCallSetup(List.of(alice, bob, hanna, sam), List.of(), List.of(technicians),
                List.of(policy), List.of(main), List.of(), List.of()));
    }

    private static Person person(String id, String role) {
        return new Person(id, id, Set.of(role), List.of(new ContactPoint("mobile", "PJSIP/" + id)),
                id + "@example.com", CHICAGO, true);
    }
}
