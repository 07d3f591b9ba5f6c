package org.afterhours.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule book of a running server: answers from the last snapshot it loaded, and checks the source's
 * version every few seconds, loading a new snapshot only when it changed. When the source fails (the
 * database is down) or holds a setup that does not validate, it keeps the last good snapshot and says so in
 * the log: routing never stops because of a database outage.
 *
 * <p>Reads are a volatile read of an immutable snapshot: no locks on the call path.
 */
public final class RefreshingRuleBook implements RuleBook, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RefreshingRuleBook.class);

    private final RuleBookSource source;
    private volatile RuleBook current = RuleBook.empty();
    private volatile long loadedVersion = Long.MIN_VALUE;
    private volatile boolean failing;
    private ScheduledExecutorService poller;

    public RefreshingRuleBook(RuleBookSource source) {
        this.source = source;
    }

    /**
     * Checks the source once and loads it if its version changed. Returns whether the book now reflects the
     * source; false when the source could not be read or held an invalid setup (the old snapshot stays).
     */
    public synchronized boolean refresh() {
        try {
            if (source.version() == loadedVersion) {
                recovered();
                return true;
            }
            RuleBookSource.VersionedSetup loaded = source.load();
            RuleBook next = RuleBook.of(loaded.setup());
            current = next;
            loadedVersion = loaded.version();
            recovered();
            log.info("on-call rule book loaded: version {}, {} line(s), {} people", loaded.version(),
                    next.lines().size(), loaded.setup().people().size());
            return true;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("on-call rule book not refreshed, keeping the last good one (version {}): {}",
                        loadedVersion == Long.MIN_VALUE ? "none" : loadedVersion, e.getMessage());
            }
            failing = true;
            return false;
        }
    }

    /**
     * Answers from {@code setup} until the source is read (a start while the database is down, from a copy kept on
     * disk): the next successful refresh replaces it whatever its version.
     */
    public synchronized void answerFrom(OnCallSetup setup) {
        current = RuleBook.of(setup);
        loadedVersion = Long.MIN_VALUE;
    }

    private void recovered() {
        if (failing) {
            log.info("on-call rule book source is readable again");
            failing = false;
        }
    }

    /** Refreshes every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized RefreshingRuleBook pollEvery(Duration interval) {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("rulebook-refresh").daemon(true).factory());
            poller.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** The version of the snapshot in use, or {@link Long#MIN_VALUE} before the first load. */
    public long loadedVersion() {
        return loadedVersion;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public RuleBook snapshot() {
        return current;
    }

    @Override
    public OnCallSetup setup() {
        return current.setup();
    }

    @Override
    public List<Line> lines() {
        return current.lines();
    }

    @Override
    public Optional<Line> lineById(String id) {
        return current.lineById(id);
    }

    @Override
    public Optional<Line> lineForDialledNumber(String dialled) {
        return current.lineForDialledNumber(dialled);
    }

    @Override
    public boolean isOpen(String lineId, Instant at) {
        return current.isOpen(lineId, at);
    }

    @Override
    public OpenStatus openStatus(String lineId, Instant at) {
        return current.openStatus(lineId, at);
    }

    @Override
    public Optional<Person> onCall(String lineId, Position position, Instant at) {
        return current.onCall(lineId, position, at);
    }

    @Override
    public Optional<Person> onCallInRotation(String rotationId, Position position, Instant at) {
        return current.onCallInRotation(rotationId, position, at);
    }

    @Override
    public List<Person> rotationOrder(String rotationId, Instant at) {
        return current.rotationOrder(rotationId, at);
    }

    @Override
    public List<OnCallPeriod> timeline(String rotationId, Position position, Instant from, Instant until) {
        return current.timeline(rotationId, position, from, until);
    }

    @Override
    public Optional<Person> person(String id) {
        return current.person(id);
    }

    @Override
    public List<Person> activeWithRole(String role) {
        return current.activeWithRole(role);
    }

    @Override
    public Optional<Rotation> rotation(String id) {
        return current.rotation(id);
    }

    @Override
    public Optional<EscalationPolicy> escalationPolicy(String id) {
        return current.escalationPolicy(id);
    }
}
