package org.afterhours.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.afterhours.retry.Backoff;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.AbstractChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager connection to Asterisk, over asterisk-java's {@link ManagerConnection}: logs in, stays logged in,
 * places asynchronous Originates and hangs channels up.
 *
 * <p><b>Threads.</b> asterisk-java reads the socket on a thread of its own and hands us events on another; we do no
 * work on either. Every event, every action's answer, every health change and every result future is handled, in
 * the order it arrived, on one thread of ours ({@code ami-events}); listeners are called there and must not block.
 * Connect attempts (a blocking login) and pings run on a second thread ({@code ami-timers}).
 *
 * <p><b>Reconnecting: ours, not asterisk-java's.</b> asterisk-java reconnects by itself only after a connection that
 * was logged in drops (never when the first login fails), every 50 ms for ten tries and then every 5 s for ever,
 * also after an authentication failure by default, with no state a caller can watch but its own
 * (ManagerConnectionImpl.reconnect). We want one path for the first login and every later one, a backoff that
 * grows ({@link Timing#firstRetry()} doubling up to {@link Timing#maxRetry()}, with jitter so that several nodes do
 * not knock in step), a refused login reported as such, and a health state logged on each change. So each attempt
 * uses a fresh ManagerConnection; when one drops we log it off, which ends asterisk-java's own reconnect thread
 * (it stops once the state is no longer RECONNECTING), and schedule our next attempt. A connection that stays open
 * but silent (a dead peer, a NAT that forgot us) is found by a {@code Ping} every {@link Timing#pingInterval()}
 * that must be answered within {@link Timing#responseTimeout()}.
 *
 * <p><b>Originate.</b> {@code Async: true} makes Asterisk answer the action at once ("Originate successfully
 * queued") and report the outcome later in an {@code OriginateResponse} event carrying our ActionID (main/manager.c
 * action_originate and fast_originate). {@link #originate} returns a future completed from that event, or with
 * {@link OriginateResult.Outcome#REJECTED} when Asterisk refused the action, or
 * {@link OriginateResult.Outcome#DISCONNECTED} when the connection drops first: the event would then be lost.
 */
public final class AmiClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiClient.class);

    /** Whether actions can be sent: only in CONNECTED (logged in). */
    public enum Health { DISCONNECTED, CONNECTING, CONNECTED }

    /** Called on the {@code ami-events} thread, in order; must return quickly and not throw. */
    public interface Listener {
        default void healthChanged(Health health) {
        }

        default void event(AmiEvent event) {
        }
    }

    /** Asterisk's answer to an action: {@code Response: Success} or not, and its {@code Message:}. */
    public record Reply(boolean success, String message) {
    }

    /**
     * @param firstRetry      wait before the first reconnect attempt; doubles after each failed attempt
     * @param maxRetry        the longest wait between attempts
     * @param pingInterval    how often a logged-in connection is pinged
     * @param responseTimeout how long Asterisk may take to answer a Ping, the login, a Logoff
     */
    public record Timing(Duration firstRetry, Duration maxRetry, Duration pingInterval, Duration responseTimeout) {
        public static final Timing DEFAULTS = new Timing(Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(20), Duration.ofSeconds(5));

        public Timing {
            for (Duration d : List.of(firstRetry, maxRetry, pingInterval, responseTimeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("AMI timings must be positive: " + d);
                }
            }
            if (firstRetry.compareTo(maxRetry) > 0) {
                throw new IllegalArgumentException("firstRetry " + firstRetry + " is longer than maxRetry " + maxRetry);
            }
        }
    }

    private record Pending(Session session, CompletableFuture<OriginateResult> result) {
    }

    private static final class Session {
        final long number;
        final ManagerConnection connection;
        volatile boolean dead;
        volatile ScheduledFuture<?> pinger;

        Session(long number, ManagerConnection connection) {
            this.number = number;
            this.connection = connection;
        }
    }

    private final AmiSettings settings;
    private final Timing timing;
    private final ExecutorService events = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("ami-events").daemon().unstarted(r));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("ami-timers").daemon().unstarted(r));
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Health health = Health.DISCONNECTED;
    /** Wakes {@link #awaitLoginAttempt} waiters; a lock, not synchronized, so waiting virtual threads never pin. */
    private final java.util.concurrent.locks.ReentrantLock healthLock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.Condition healthChanged = healthLock.newCondition();
    /** The logged-in connection, or null; written on the events thread only. */
    private volatile Session current;
    private volatile String problem = "not started";
    private volatile boolean closed;

    public AmiClient(AmiSettings settings) {
        this(settings, Timing.DEFAULTS);
    }

    public AmiClient(AmiSettings settings, Timing timing) {
        this.settings = settings;
        this.timing = timing;
    }

    /**
     * Starts logging in, in the background; returns at once. Health goes CONNECTING, then CONNECTED or back. Without
     * a secret it does not try: AMI is not set up, and {@link #problem()} says so.
     */
    public AmiClient start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (!settings.hasSecret()) {
            problem = "not set up: no secret (set AFTERHOURS_AMI_SECRET)";
            log.warn("AMI {}: {}; no outbound calls can be placed", settings.address(), problem);
            return this;
        }
        if (started.compareAndSet(false, true)) {
            timers.execute(this::connect);
        }
        return this;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public Health health() {
        return health;
    }

    public Timing timing() {
        return timing;
    }

    /**
     * The health once a login attempt under way has finished, waiting at most {@code max} for it: an emergency that
     * arrives while we are logging in (at start, or reconnecting) waits the few milliseconds the login takes rather
     * than going straight to a message. Returns at once when no attempt is under way.
     */
    public Health awaitLoginAttempt(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        healthLock.lock();
        try {
            while (health == Health.CONNECTING) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                healthChanged.awaitNanos(left);
            }
            return health;
        } finally {
            healthLock.unlock();
        }
    }

    /** Why the client is not connected (the last failure), or "" while connected. */
    public String problem() {
        return problem;
    }

    public AmiSettings settings() {
        return settings;
    }

    /**
     * Sends {@code Action: Originate} with {@code Async: true}, {@code Priority: 1} and the request's ChannelId, and
     * returns at once. The future completes on the events thread, never exceptionally.
     *
     * @throws AmiUnavailableException when not logged in, or the action could not be written
     * @throws IllegalArgumentException when the ActionID is already waiting for its result
     */
    public CompletableFuture<OriginateResult> originate(OriginateRequest request) {
        Session session = loggedIn();
        OriginateAction action = new OriginateAction();
        action.setActionId(request.actionId());
        action.setChannel(request.channel());
        action.setContext(request.context());
        action.setExten(request.exten());
        action.setPriority(1);
        action.setTimeout(request.timeout().toMillis());
        action.setAsync(true);
        action.setChannelId(request.channelId());
        if (request.callerId() != null) {
            action.setCallerId(request.callerId());
        }
        if (!request.variables().isEmpty()) {
            action.setVariables(new LinkedHashMap<>(request.variables()));
        }
        String id = request.actionId();
        Pending waiting = new Pending(session, new CompletableFuture<>());
        if (pending.putIfAbsent(id, waiting) != null) {
            throw new IllegalArgumentException("an Originate with ActionID " + id + " is still waiting for its result");
        }
        if (current != session) {
            // The connection dropped in between and its pending actions were already failed: this one was not.
            if (pending.remove(id, waiting)) {
                throw new AmiUnavailableException("AMI connection to " + settings.address() + " dropped");
            }
            return waiting.result();
        }
        try {
            session.connection.sendAction(action, response -> onEventThread(() -> originateAnswered(id, response)));
        } catch (IOException | IllegalStateException e) {
            pending.remove(id, waiting);
            throw new AmiUnavailableException("cannot send Originate to " + settings.address() + ": " + describe(e));
        }
        return waiting.result();
    }

    /**
     * Sends {@code Action: Hangup} for a channel name or uniqueid (Asterisk looks both up: ast_channel_get_by_name
     * in main/channel.c tries the name, then the uniqueid). The reply is "Channel Hungup", or an error "No such
     * channel" once it is gone; the future completes on the events thread, never exceptionally.
     *
     * @throws AmiUnavailableException when not logged in
     */
    public CompletableFuture<Reply> hangup(String channel) {
        if (channel == null || channel.isBlank() || channel.startsWith("/")
                || channel.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            // A Channel starting with '/' is a regular expression to Asterisk: every matching channel would go.
            throw new IllegalArgumentException("not a channel name or uniqueid: '" + channel + "'");
        }
        Session session = loggedIn();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        try {
            session.connection.sendAction(new HangupAction(channel), response -> onEventThread(() -> reply.complete(
                    response == null ? new Reply(false, "connection closed")
                            : new Reply(!(response instanceof ManagerError), nullToEmpty(response.getMessage())))));
        } catch (IOException | IllegalStateException e) {
            throw new AmiUnavailableException("cannot send Hangup to " + settings.address() + ": " + describe(e));
        }
        return reply;
    }

    /** Logs off and stops; pending Originates complete DISCONNECTED. Safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Session last = null;
        try {
            last = events.submit(() -> {
                Session s = current;
                current = null;
                if (s != null) {
                    stopPinging(s);
                    s.dead = true;
                }
                failPending(null, "AMI client closed");
                problem = "closed";
                setHealth(Health.DISCONNECTED, "closed");
                return s;
            }).get(timing.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RejectedExecutionException e) {
            log.warn("AMI {}: closing: {}", settings.address(), describe(e));
        }
        timers.shutdownNow();
        if (last != null) {
            drop(last);
        }
        events.shutdown();
        try {
            events.awaitTermination(timing.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Session loggedIn() {
        Session session = current;
        if (session == null || health != Health.CONNECTED) {
            throw new AmiUnavailableException("AMI " + settings.address() + " is " + health
                    + (problem.isEmpty() ? "" : " (" + problem + ")"));
        }
        return session;
    }

    /** One login attempt, on the timers thread. */
    private void connect() {
        if (closed) {
            return;
        }
        DefaultManagerConnection connection = new DefaultManagerConnection(settings.host(), settings.port(),
                settings.username(), settings.secret());
        connection.setDefaultResponseTimeout(timing.responseTimeout().toMillis());
        connection.setSocketTimeout((int) timing.responseTimeout().toMillis());
        connection.setKeepAliveAfterAuthenticationFailure(false);
        Session session = new Session(sessions.incrementAndGet(), connection);
        onEventThread(() -> setHealth(Health.CONNECTING, "attempt " + (failedAttempts.get() + 1)));
        connection.addEventListener(event -> onEventThread(() -> handle(session, event)));
        try {
            connection.login();
        } catch (AuthenticationFailedException e) {
            attemptFailed(session, "login refused: " + e.getMessage() + " (check the AMI user '" + settings.username()
                    + "' and AFTERHOURS_AMI_SECRET against manager.conf)", true);
            return;
        } catch (IOException | TimeoutException | RuntimeException e) {
            attemptFailed(session, "cannot log in: " + describe(e), false);
            return;
        }
        if (closed) {
            drop(session);
            return;
        }
        onEventThread(() -> loggedIn(session));
    }

    private void attemptFailed(Session session, String why, boolean refused) {
        drop(session);
        boolean news = !why.equals(problem);
        problem = why;
        Duration wait = nextWait();
        onEventThread(() -> {
            if (refused && news) {
                log.error("AMI {}: {}", settings.address(), why);
            }
            setHealth(Health.DISCONNECTED, why + "; next try in " + seconds(wait));
        });
        retryAfter(wait);
    }

    /** On the events thread. */
    private void loggedIn(Session session) {
        if (closed) {
            timers.execute(() -> drop(session));
            return;
        }
        if (session.dead || session.connection.getState() != ManagerConnectionState.CONNECTED) {
            Duration wait = nextWait();
            problem = "connection closed right after login";
            setHealth(Health.DISCONNECTED, problem + "; next try in " + seconds(wait));
            timers.execute(() -> drop(session));
            retryAfter(wait);
            return;
        }
        current = session;
        failedAttempts.set(0);
        problem = "";
        setHealth(Health.CONNECTED, "logged in as " + settings.username());
        long every = timing.pingInterval().toMillis();
        session.pinger = timers.scheduleWithFixedDelay(() -> ping(session), every, every, TimeUnit.MILLISECONDS);
    }

    /** On the events thread, in the order asterisk-java read them. */
    private void handle(Session session, ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            session.dead = true;
            if (session == current) {
                lost(session, "connection closed");
            }
            return;
        }
        if (session != current) {
            return; // login-time events (FullyBooted) and a dropped connection's last words
        }
        if (event instanceof OriginateResponseEvent response) {
            Pending waiting = pending.remove(nullToEmpty(response.getActionId()));
            if (waiting != null) {
                waiting.result().complete(OriginateResult.fromEvent(response.isSuccess(), response.getReason(),
                        nullToEmpty(response.getChannel()), nullToEmpty(response.getUniqueId())));
            }
        }
        AmiEvent seen = describe(event);
        for (Listener listener : listeners) {
            try {
                listener.event(seen);
            } catch (RuntimeException e) {
                log.warn("AMI listener failed on {}", seen, e);
            }
        }
    }

    /** On the events thread: Asterisk's immediate answer to an Originate. */
    private void originateAnswered(String actionId, ManagerResponse response) {
        if (response == null) {
            return; // the connection dropped: lost() fails the pending Originate
        }
        if (response instanceof ManagerError || "Error".equalsIgnoreCase(response.getResponse())) {
            Pending waiting = pending.remove(actionId);
            if (waiting != null) {
                log.warn("AMI {}: Originate {} refused: {}", settings.address(), actionId, response.getMessage());
                waiting.result().complete(OriginateResult.rejected(response.getMessage()));
            }
        }
        // Success: "Originate successfully queued"; the OriginateResponse event follows.
    }

    /** On the events thread: the logged-in connection is gone. */
    private void lost(Session session, String why) {
        current = null;
        session.dead = true;
        stopPinging(session);
        problem = why;
        Duration wait = nextWait();
        setHealth(Health.DISCONNECTED, why + "; next try in " + seconds(wait));
        failPending(session, "AMI connection lost: " + why);
        timers.execute(() -> drop(session));
        retryAfter(wait);
    }

    private void failPending(Session session, String why) {
        List<Pending> failed = new ArrayList<>();
        pending.forEach((id, waiting) -> {
            if ((session == null || waiting.session() == session) && pending.remove(id, waiting)) {
                failed.add(waiting);
            }
        });
        failed.forEach(waiting -> waiting.result().complete(OriginateResult.disconnected(why)));
    }

    /** On the timers thread. */
    private void ping(Session session) {
        if (session != current || closed) {
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        try {
            session.connection.sendAction(new PingAction(), response -> answered.set(true));
        } catch (IOException | RuntimeException e) {
            onEventThread(() -> {
                if (session == current) {
                    lost(session, "Ping failed: " + describe(e));
                }
            });
            return;
        }
        timers.schedule(() -> {
            if (!answered.get()) {
                onEventThread(() -> {
                    if (session == current) {
                        lost(session, "no answer to Ping within " + seconds(timing.responseTimeout()));
                    }
                });
            }
        }, timing.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void stopPinging(Session session) {
        ScheduledFuture<?> pinger = session.pinger;
        if (pinger != null) {
            pinger.cancel(false);
        }
    }

    /** Closes a connection we are done with; also ends asterisk-java's own reconnect thread for it. */
    private static void drop(Session session) {
        session.dead = true;
        ManagerConnectionState state = session.connection.getState();
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            try {
                session.connection.logoff();
            } catch (RuntimeException e) {
                log.debug("AMI logoff of a dropped connection: {}", describe(e));
            }
        }
    }

    private Duration nextWait() {
        int failures = Math.min(failedAttempts.getAndIncrement(), 20) + 1;
        long base = new Backoff(timing.firstRetry(), timing.maxRetry()).afterFailures(failures).toMillis();
        long jittered = (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        return Duration.ofMillis(Math.max(1, Math.min(timing.maxRetry().toMillis(), jittered)));
    }

    private void retryAfter(Duration wait) {
        if (closed) {
            return;
        }
        try {
            timers.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** On the events thread. */
    private void setHealth(Health next, String detail) {
        if (next == health) {
            return;
        }
        Health before = health;
        healthLock.lock();
        try {
            health = next;
            healthChanged.signalAll();
        } finally {
            healthLock.unlock();
        }
        if (next == Health.DISCONNECTED) {
            log.warn("AMI {} {} -> {}: {}", settings.address(), before, next, detail);
        } else {
            log.info("AMI {} {} -> {}: {}", settings.address(), before, next, detail);
        }
        for (Listener listener : listeners) {
            try {
                listener.healthChanged(next);
            } catch (RuntimeException e) {
                log.warn("AMI listener failed on health {}", next, e);
            }
        }
    }

    private void onEventThread(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nothing is handled any more
        }
    }

    private static AmiEvent describe(ManagerEvent event) {
        String name = event.getClass().getSimpleName();
        if (name.endsWith("Event")) {
            name = name.substring(0, name.length() - "Event".length());
        }
        String channel = "";
        String uniqueId = "";
        if (event instanceof AbstractChannelEvent channelEvent) {
            channel = nullToEmpty(channelEvent.getChannel());
            uniqueId = nullToEmpty(channelEvent.getUniqueId());
        } else if (event instanceof OriginateResponseEvent response) {
            channel = nullToEmpty(response.getChannel());
            uniqueId = nullToEmpty(response.getUniqueId());
        }
        String actionId = event instanceof ResponseEvent response ? nullToEmpty(response.getActionId()) : "";
        return new AmiEvent(name, channel, uniqueId, actionId);
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
