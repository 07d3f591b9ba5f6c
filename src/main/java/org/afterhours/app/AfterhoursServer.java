package org.afterhours.app;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.afterhours.agi.server.AgiScriptRouter;
import org.afterhours.agi.server.AgiServer;
import org.afterhours.callflow.AfterHoursScript;
import org.afterhours.callflow.ConnectionProbe;
import org.afterhours.callflow.MessageCallScript;
import org.afterhours.escalation.NoticeChannel;
import java.util.List;
import org.afterhours.callflow.OptionalPrompts;
import org.afterhours.callflow.ScreeningScript;
import org.afterhours.db.AgiSessionRepository;
import org.afterhours.db.Database;
import org.afterhours.escalation.EscalationPlanner;
import org.afterhours.oncall.RefreshingRuleBook;
import org.afterhours.oncall.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running product: database, session log, FastAGI server with its scripts. Wiring only. */
public final class AfterhoursServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AfterhoursServer.class);

    private final Database database;
    private final SessionLogWriter sessionLog;
    private final OnCallRuntime oncall;
    private final EscalationSide escalation;
    private final CallerSide callerSide;
    private final AfterCallSide afterCall;
    private final AgiServer agi;
    private final HealthMonitor health;

    private AfterhoursServer(Database database, SessionLogWriter sessionLog, OnCallRuntime oncall,
            AfterCallSide afterCall, EscalationSide escalation, CallerSide callerSide, AgiServer agi,
            HealthMonitor health) {
        this.health = health;
        this.database = database;
        this.sessionLog = sessionLog;
        this.oncall = oncall;
        this.afterCall = afterCall;
        this.escalation = escalation;
        this.callerSide = callerSide;
        this.agi = agi;
    }

    /** Starts on an already running database (tests share one); {@link #close()} leaves it running. */
    public static AfterhoursServer start(AfterhoursConfig config, Database database) throws InterruptedException {
        return start(config, database, Clock.systemUTC());
    }

    /**
     * The same on a clock of the caller's choosing: tests run the whole product at an instant they fix, so that who
     * is on call and whether the line is open never depend on the day the suite runs.
     */
    public static AfterhoursServer start(AfterhoursConfig config, Database database, Clock clock)
            throws InterruptedException {
        OptionalPrompts optionalPrompts = PromptFolder.optionalPrompts(config.prompts());
        SessionLogWriter sessionLog = new SessionLogWriter(new AgiSessionRepository(database.dataSource()),
                config.dataDir().resolve("session-journal"));
        OnCallRuntime oncall = OnCallRuntime.start(config.oncall(), database,
                config.dataDir().resolve("last-good-oncall-setup.yaml"));
        RuleBook rules = oncall.ruleBook();
        // Legs carry this node's URL; with agi.port 0 (tests) it is known once the listener has bound.
        AtomicReference<String> nodeUrl = new AtomicReference<>(config.nodeUrl());
        List<NoticeChannel> written = AfterCallSide.writtenChannels(config);
        EscalationSide escalation = EscalationSide.start(config, rules, oncall.planner(), clock,
                optionalPrompts, nodeUrl::get);
        AfterCallSide afterCall = AfterCallSide.start(config, database, rules, written, escalation.dialer(),
                clock);
        CallerSide callerSide = CallerSide.start(config, database, rules, escalation.connector(), afterCall, clock,
                optionalPrompts);
        AgiScriptRouter router = new AgiScriptRouter()
                .register(ConnectionProbe.PATH, new ConnectionProbe(config.flow().recordingDirectories(),
                        config.flow().recordingFormat()))
                .register(AfterHoursScript.PATH, callerSide.script())
                .register(ScreeningScript.PATH, escalation.screening())
                .register(MessageCallScript.PATH, afterCall.messageScript());
        WarmUp.run(config.warmUpCalls(), config, rules, escalation.connector(), optionalPrompts, clock);
        AgiServer agi = new AgiServer(config.agi(), router, sessionLog, clock).start();
        if (nodeUrl.get().isEmpty()) {
            nodeUrl.set(AfterhoursConfig.nodeUrl(config.agi().bindAddress(), agi.port()));
        }
        log.info("this node screens its legs at {} (AFTERHOURS_NODE)", nodeUrl.get());
        HealthMonitor health = new HealthMonitor(database, escalation::amiHealth,
                () -> callerSide.journalBacklog() + sessionLog.backlog(),
                agi::activeCalls, config.dataDir().resolve("status"), clock).start();
        return new AfterhoursServer(database, sessionLog, oncall, afterCall, escalation, callerSide, agi, health);
    }

    /** The live rule book: the database's setup, refreshed when it changes, the last good one while it is down. */
    public RefreshingRuleBook ruleBook() {
        return oncall.ruleBook();
    }

    public EscalationPlanner escalationPlanner() {
        return oncall.planner();
    }

    /** Follow-ups owed and done, messages acknowledged and answered: for the console and the CLI. */
    public org.afterhours.followup.FollowUps followUps() {
        return afterCall.followUps();
    }

    public int agiPort() {
        return agi.port();
    }

    /** Call events in this node's journal not yet written to the database. */
    public int journalBacklog() {
        return callerSide.journalBacklog();
    }

    /** The last health check (every few seconds): database, AMI, journal backlog, live calls. */
    Health health() {
        return health.health();
    }

    public Database database() {
        return database;
    }

    /** Lets live calls finish (up to the grace period), then flushes the session log. */
    @Override
    public void close() throws InterruptedException {
        agi.close();
        escalation.close();
        callerSide.close();
        afterCall.close();
        oncall.close();
        sessionLog.close();
        health.close();
        log.info("afterhours stopped");
    }
}
