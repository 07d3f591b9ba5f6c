package org.afterhours.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asterisk's manager interface (AMI) as a test double, over real TCP and byte for byte in AMI's framing as recorded
 * from Asterisk 22.10.1 ({@code ../shared/asterisk-transcripts/ami.txt}): the {@value #BANNER} banner, CRLF lines,
 * messages ended by an empty line, {@code Response:}/{@code ActionID:}/{@code Message:} answers and
 * {@code Event:}/{@code Privilege:} events sent to every logged-in connection.
 *
 * <p>It knows the actions a client of ours sends, with the answers main/manager.c gives: {@code Challenge} and
 * {@code Login} (plain Secret or MD5 key; a wrong one gets "Authentication failed" and the connection closed),
 * {@code CoreSettings}, {@code Ping}, {@code Logoff}, {@code Originate} (Async only) and {@code Hangup} (by channel
 * name or uniqueid). Before a login everything else is "Permission denied"; an action it does not know gets
 * Asterisk's "Invalid/unknown command".
 *
 * <p>An Originate rings the phone behind its dial string as {@link #phone scripted}; the events follow the order of
 * the transcript and of main/dial.c and main/pbx.c:
 * <ul>
 *   <li>answered: Newchannel, Newstate (Up), OriginateResponse Success Reason 4, then the leg's dialplan runs as a
 *   FastAGI session against {@link #runningAgi the server}, then Hangup (16 Normal Clearing);</li>
 *   <li>no answer: Newchannel, at the Originate's Timeout OriginateResponse Failure Reason 3, Hangup (19);</li>
 *   <li>busy, congestion, failure: Newchannel, Hangup (17, 34, 0), OriginateResponse Failure Reason 5, 8, 0;</li>
 *   <li>hung up by a Hangup action while ringing: Hangup (cause 0: the action sets none), OriginateResponse Failure
 *   Reason 0 (dial.c's loop ends "unanswered" with no cause, which pbx_dial_reason() makes 0).</li>
 * </ul>
 * A failed Originate's OriginateResponse names the dial string as Channel and the ChannelId as Uniqueid
 * (fast_originate). The channel can be found for a Hangup from its Newchannel on, not before.
 */
public final class FakeAmi implements AutoCloseable {
    public static final String BANNER = "Asterisk Call Manager/11.0.0";
    public static final String ASTERISK_VERSION = "22.10.1";
    private static final String CRLF = "\r\n";
    /** agi://host:port/script?query, as res_agi takes it apart (host, port, the rest). */
    private static final java.util.regex.Pattern AGI_URL =
            java.util.regex.Pattern.compile("agi://([^/:\\[\\]]+|\\[[^\\]]+\\]):([0-9]+)/(.*)");

    /**
     * The AGI URL's path and query for an answered leg, from its Originate ({@code screen?attempt=...}), run against
     * {@link #runningAgi}'s host and port; or a whole URL ({@code agi://host:port/screen?...}, as the dialplan builds
     * from the leg's AFTERHOURS_NODE) run against the host and port it names; null when that leg runs no AGI (it
     * stays up until it is hung up).
     */
    @FunctionalInterface
    public interface AgiTarget {
        String script(String context, String exten, Map<String, String> variables);
    }

    /** An action as received: its headers in order, names as the client wrote them. */
    public record Action(List<Map.Entry<String, String>> headers) {
        public Action {
            headers = List.copyOf(headers);
        }

        public String name() {
            return header("Action");
        }

        /** The first header of that name (any case), or "". */
        public String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse("");
        }

        /** Every {@code Variable: a=b,c=d} header, split as Asterisk splits them (on ',' then the first '='). */
        public Map<String, String> variables() {
            Map<String, String> variables = new LinkedHashMap<>();
            for (Map.Entry<String, String> h : headers) {
                if (!h.getKey().equalsIgnoreCase("Variable")) {
                    continue;
                }
                for (String pair : h.getValue().split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        variables.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
            return variables;
        }
    }

    /** An event as sent, its lines without the terminating empty line. */
    public record Event(String name, List<String> lines) {
        public String header(String header) {
            String prefix = header + ": ";
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .findFirst().orElse("");
        }
    }

    /** An answered leg's FastAGI session: what the server said to the technician, and what was pressed. */
    public record AnsweredLeg(String uniqueId, String channel, String script, List<String> dialogue,
                              AsteriskSimulator.Result result) {
    }

    private final String username;
    private final String secret;
    private final long bootedAt = System.currentTimeMillis() / 1000;
    private final Map<String, TechnicianBehaviour> phones = new ConcurrentHashMap<>();
    private volatile TechnicianBehaviour otherwise = TechnicianBehaviour.fails();
    private volatile Set<String> contexts = Set.of();
    private volatile String agiHost;
    private volatile int agiPort;
    private volatile AgiTarget agiTarget;
    private volatile java.util.function.Consumer<Action> actionListener = action -> { };
    private final List<Action> actions = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<AnsweredLeg> answered = new CopyOnWriteArrayList<>();
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final AtomicInteger channels = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private ServerSocket server;
    private int port;

    /** A manager.conf user with this secret; start() opens the port. */
    public FakeAmi(String username, String secret) {
        this.username = username;
        this.secret = secret;
    }

    /** What the phone behind {@code dialString} does when it is called. */
    public FakeAmi phone(String dialString, TechnicianBehaviour behaviour) {
        phones.put(dialString, behaviour);
        return this;
    }

    /** What every other dial string does; by default {@link TechnicianBehaviour#fails()}, an unknown endpoint. */
    public FakeAmi otherPhones(TechnicianBehaviour behaviour) {
        otherwise = behaviour;
        return this;
    }

    /**
     * The dialplan's contexts: an Originate into any other gets "Extension does not exist." at once, as Asterisk
     * checks before it queues one. By default every context exists.
     */
    public FakeAmi contexts(String... names) {
        contexts = Set.of(names);
        return this;
    }

    /** Answered legs run their dialplan as a FastAGI session to {@code host:port}, the script given by {@code target}. */
    public FakeAmi runningAgi(String host, int port, AgiTarget target) {
        this.agiHost = host;
        this.agiPort = port;
        this.agiTarget = target;
        return this;
    }

    /** {@code listener} sees each action the moment it has been read, before it is answered (for timings). */
    public FakeAmi onAction(java.util.function.Consumer<Action> listener) {
        this.actionListener = listener;
        return this;
    }

    /** Listens on 127.0.0.1: any free port the first time, the same one again after {@link #close()}. */
    public FakeAmi start() throws IOException {
        return start(port);
    }

    public synchronized FakeAmi start(int wanted) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already listening on " + port);
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
        server = socket;
        port = socket.getLocalPort();
        Thread.ofVirtual().name("fake-ami-accept-" + port).start(() -> accept(socket));
        return this;
    }

    public synchronized int port() {
        return port;
    }

    /** Asterisk goes away: stops listening, drops every connection, forgets every channel. */
    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            server = null;
        }
        clients.forEach(Client::close);
        clients.clear();
        legs.values().forEach(Leg::abandon);
        legs.clear();
    }

    /** Every action received, in order, on every connection. */
    public List<Action> actions() {
        return List.copyOf(actions);
    }

    public List<Action> actions(String name) {
        return actions.stream().filter(a -> a.name().equalsIgnoreCase(name)).toList();
    }

    /** The Channel of every Hangup action received, in order. */
    public List<String> hangupRequests() {
        return actions("Hangup").stream().map(a -> a.header("Channel")).toList();
    }

    /** Every event sent, in order (FullyBooted to the one connection that logged in, the rest to all). */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The answered legs whose FastAGI session has ended. */
    public List<AnsweredLeg> answeredLegs() {
        return List.copyOf(answered);
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Client client = new Client(socket.accept());
                clients.add(client);
                Thread.ofVirtual().name("fake-ami-client").start(client::run);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void broadcast(Event event) {
        events.add(event);
        String text = String.join(CRLF, event.lines()) + CRLF + CRLF;
        for (Client client : clients) {
            if (client.authenticated) {
                client.write(text);
            }
        }
    }

    /** One manager session. */
    private final class Client {
        private final Socket socket;
        private volatile boolean authenticated;
        private String challenge = "";

        Client(Socket socket) {
            this.socket = socket;
        }

        void run() {
            try (socket) {
                write(BANNER + CRLF);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            headers.add(Map.entry(line.substring(0, colon).trim(),
                                    line.substring(colon + 1).stripLeading()));
                        }
                        continue;
                    }
                    if (headers.isEmpty()) {
                        continue;
                    }
                    Action action = new Action(headers);
                    headers = new ArrayList<>();
                    actions.add(action);
                    actionListener.accept(action);
                    if (!handle(action)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                clients.remove(this);
            }
        }

        /** Answers one action; false closes the connection (a failed Login, a Logoff). */
        private boolean handle(Action action) {
            String name = action.name().toLowerCase(Locale.ROOT);
            switch (name) {
                case "" -> respond(action, "Error", "Missing action in request");
                case "challenge" -> {
                    if (!action.header("AuthType").equalsIgnoreCase("MD5")) {
                        respond(action, "Error", "Must specify AuthType");
                    } else {
                        if (challenge.isEmpty()) {
                            challenge = Long.toString(ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE));
                        }
                        respond(action, "Success", null, "Challenge: " + challenge);
                    }
                }
                case "login" -> {
                    if (authenticated) {
                        respond(action, "Success", "Already authenticated");
                    } else if (!credentialsMatch(action)) {
                        respond(action, "Error", "Authentication failed");
                        return false;
                    } else {
                        authenticated = true;
                        logins.incrementAndGet();
                        respond(action, "Success", "Authentication accepted");
                        long uptime = System.currentTimeMillis() / 1000 - bootedAt;
                        Event booted = new Event("FullyBooted", List.of("Event: FullyBooted",
                                "Privilege: system,all", "Uptime: " + uptime, "LastReload: " + uptime,
                                "Status: Fully Booted"));
                        events.add(booted);
                        write(String.join(CRLF, booted.lines()) + CRLF + CRLF);
                    }
                }
                case "logoff" -> {
                    respond(action, "Goodbye", "Thanks for all the fish.");
                    return false;
                }
                default -> {
                    if (!authenticated) {
                        respond(action, "Error", "Permission denied");
                    } else {
                        loggedIn(name, action);
                    }
                }
            }
            return true;
        }

        private void loggedIn(String name, Action action) {
            switch (name) {
                case "ping" -> respond(action, "Success", null, "Ping: Pong",
                        String.format(Locale.ROOT, "Timestamp: %.6f", System.currentTimeMillis() / 1000.0));
                case "coresettings" -> respond(action, "Success", null, "AMIversion: 11.0.0",
                        "AsteriskVersion: " + ASTERISK_VERSION, "SystemName: ", "CoreMaxCalls: 0",
                        "CoreMaxLoadAvg: 0.000000", "CoreRunUser: asterisk", "CoreRunGroup: asterisk",
                        "CoreMaxFilehandles: 0", "CoreRealTimeEnabled: No", "CoreCDRenabled: Yes",
                        "CoreHTTPenabled: No", "SoundsSearchCustomDir: No");
                case "originate" -> originate(action);
                case "hangup" -> hangup(action);
                // asterisk-config's AMI user has no "command" or "system" write permission.
                case "command" -> respond(action, "Error", "Permission denied");
                default -> respond(action, "Error", "Invalid/unknown command: " + action.name()
                        + ". Use Action: ListCommands to show available commands.");
            }
        }

        private boolean credentialsMatch(Action action) {
            if (!action.header("Username").equalsIgnoreCase(username)) {
                return false;
            }
            if (action.header("AuthType").equalsIgnoreCase("MD5")) {
                return !challenge.isEmpty() && md5Hex(challenge + secret).equals(action.header("Key"));
            }
            return action.header("Secret").equals(secret);
        }

        private void originate(Action action) {
            String dial = action.header("Channel");
            String channelId = action.header("ChannelId");
            String timeout = action.header("Timeout");
            if (channelId.length() > 149) {
                respond(action, "Error", "Uniqueid length exceeds maximum of 149");
            } else if (dial.isEmpty()) {
                respond(action, "Error", "Channel not specified");
            } else if (!timeout.isEmpty() && !timeout.matches("\\d+")) {
                respond(action, "Error", "Invalid timeout");
            } else if (dial.indexOf('/') <= 0) {
                respond(action, "Error", "Invalid channel");
            } else if (action.header("Context").isEmpty() || action.header("Exten").isEmpty()
                    || action.header("Priority").isEmpty()) {
                respond(action, "Error", "Originate with 'Exten' requires 'Context' and 'Priority'");
            } else if (!contexts.isEmpty() && !contexts.contains(action.header("Context"))) {
                respond(action, "Error", "Extension does not exist.");
            } else if (!action.header("Async").matches("(?i)true|yes|1|on|y|t")) {
                respond(action, "Error", "this fake Asterisk places Async: true Originates only");
            } else {
                respond(action, "Success", "Originate successfully queued");
                Leg leg = new Leg(action, channels.incrementAndGet(),
                        timeout.isEmpty() ? 30_000 : Long.parseLong(timeout));
                Thread.ofVirtual().name("fake-ami-leg-" + leg.uniqueId).start(leg::run);
            }
        }

        private void hangup(Action action) {
            String channel = action.header("Channel");
            if (channel.isEmpty()) {
                respond(action, "Error", "No channel specified");
                return;
            }
            Leg leg = legs.get(channel);
            if (leg == null) {
                leg = legs.values().stream().filter(l -> l.name.equals(channel)).findFirst().orElse(null);
            }
            if (leg == null) {
                respond(action, "Error", "No such channel");
                return;
            }
            respond(action, "Success", "Channel Hungup");
            leg.hangup.countDown();
        }

        private void respond(Action action, String response, String message, String... more) {
            StringBuilder text = new StringBuilder("Response: ").append(response).append(CRLF);
            String actionId = action.header("ActionID");
            if (!actionId.isEmpty()) {
                text.append("ActionID: ").append(actionId).append(CRLF);
            }
            if (message != null) {
                text.append("Message: ").append(message).append(CRLF);
            }
            for (String line : more) {
                text.append(line).append(CRLF);
            }
            write(text.append(CRLF).toString());
        }

        void write(String text) {
            synchronized (this) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    close();
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }

    /** One originated channel, ringing and then answered or not, on a thread of its own. */
    private final class Leg {
        final String uniqueId;
        final String name;
        final String dial;
        final String context;
        final String exten;
        final String actionId;
        final String callerNumber;
        final String callerName;
        final Map<String, String> variables;
        final long timeoutMillis;
        final TechnicianBehaviour behaviour;
        final CountDownLatch hangup = new CountDownLatch(1);
        volatile boolean abandoned;
        volatile boolean up;

        Leg(Action originate, int number, long timeoutMillis) {
            this.dial = originate.header("Channel");
            String channelId = originate.header("ChannelId");
            this.uniqueId = channelId.isEmpty() ? bootedAt + "." + number : channelId;
            this.name = channelName(dial, number);
            this.context = originate.header("Context");
            this.exten = originate.header("Exten");
            this.actionId = originate.header("ActionID");
            String[] callerId = parseCallerId(originate.header("CallerID"));
            this.callerName = callerId[0];
            this.callerNumber = callerId[1];
            this.variables = originate.variables();
            this.timeoutMillis = timeoutMillis;
            this.behaviour = phones.getOrDefault(dial, otherwise);
        }

        void abandon() {
            abandoned = true;
            hangup.countDown();
        }

        void run() {
            legs.put(uniqueId, this);
            try {
                emit(channelEvent("Newchannel", null));
                TechnicianBehaviour.Kind kind = behaviour.kind();
                boolean rangOut = kind == TechnicianBehaviour.Kind.NEVER_ANSWERS
                        || behaviour.ringFor().toMillis() >= timeoutMillis;
                long ring = rangOut ? timeoutMillis : behaviour.ringFor().toMillis();
                boolean hungUp = hangup.await(ring, TimeUnit.MILLISECONDS);
                if (abandoned) {
                    return;
                }
                if (hungUp) {
                    emit(channelEvent("Hangup", "0|Unknown"));
                    emit(originateResponse(false, 0));
                } else if (rangOut) {
                    emit(originateResponse(false, 3));
                    emit(channelEvent("Hangup", "19|User alerting, no answer"));
                } else {
                    switch (kind) {
                        case BUSY -> failed("17|User busy", 5);
                        case CONGESTED -> failed("34|Circuit/channel congestion", 8);
                        case FAILS -> failed("0|Unknown", 0);
                        default -> answered();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                legs.remove(uniqueId, this);
            }
        }

        private void failed(String cause, int reason) {
            emit(channelEvent("Hangup", cause));
            emit(originateResponse(false, reason));
        }

        private void answered() throws InterruptedException {
            up = true;
            emit(channelEvent("Newstate", null));
            emit(originateResponse(true, 4));
            AgiTarget target = agiTarget;
            String script = target == null ? null : target.script(context, exten, variables);
            if (script == null) {
                hangup.await(60, TimeUnit.SECONDS);
            } else {
                List<String> dialogue = new CopyOnWriteArrayList<>();
                ResAgiResponder phone = new ResAgiResponder(behaviour.keys(), behaviour.hangupAtCommand())
                        .hangingUpWhen(() -> hangup.getCount() == 0);
                AsteriskSimulator.Result result = null;
                String host = agiHost;
                int port = agiPort;
                String path = script;
                java.util.regex.Matcher url = AGI_URL.matcher(script);
                if (url.matches()) {
                    host = url.group(1).replace("[", "").replace("]", "");
                    port = Integer.parseInt(url.group(2));
                    path = url.group(3);
                }
                try {
                    result = new AsteriskSimulator(host, port, Duration.ofSeconds(30))
                            .play(SimulatedCall.to(path).from(callerNumber, callerName), phone, uniqueId,
                                    dialogue::add);
                } catch (IOException e) {
                    dialogue.add("! " + e.getMessage());
                }
                answered.add(new AnsweredLeg(uniqueId, name, script, List.copyOf(dialogue), result));
            }
            if (!abandoned) {
                emit(channelEvent("Hangup", "16|Normal Clearing"));
            }
        }

        private void emit(Event event) {
            if (!abandoned) {
                broadcast(event);
            }
        }

        /** Newchannel, Newstate, Hangup: the channel's snapshot headers as in ami.txt; cause is "code|text". */
        private Event channelEvent(String event, String cause) {
            boolean fresh = event.equals("Newchannel");
            List<String> lines = new ArrayList<>(List.of("Event: " + event, "Privilege: call,all",
                    "Channel: " + name,
                    "ChannelState: " + (up ? 6 : 0),
                    "ChannelStateDesc: " + (up ? "Up" : "Down"),
                    "CallerIDNum: " + (fresh ? "<unknown>" : orUnknown(callerNumber)),
                    "CallerIDName: " + (fresh ? "<unknown>" : orUnknown(callerName)),
                    "ConnectedLineNum: " + (fresh ? "<unknown>" : orUnknown(callerNumber)),
                    "ConnectedLineName: " + (fresh ? "<unknown>" : orUnknown(callerName)),
                    "Language: en",
                    "AccountCode: ",
                    "Context: " + context,
                    "Exten: " + exten,
                    "Priority: 1",
                    "Uniqueid: " + uniqueId,
                    "Linkedid: " + uniqueId));
            if (cause != null) {
                int bar = cause.indexOf('|');
                lines.add("Cause: " + cause.substring(0, bar));
                lines.add("Cause-txt: " + cause.substring(bar + 1));
            }
            return new Event(event, List.copyOf(lines));
        }

        /** As fast_originate() writes it: a channel's name once answered, else the dial string as requested. */
        private Event originateResponse(boolean success, int reason) {
            List<String> lines = new ArrayList<>(List.of("Event: OriginateResponse", "Privilege: call,all"));
            if (!actionId.isEmpty()) {
                lines.add("ActionID: " + actionId);
            }
            lines.addAll(List.of("Response: " + (success ? "Success" : "Failure"),
                    "Channel: " + (success ? name : dial),
                    "Context: " + context,
                    "Exten: " + exten,
                    "Reason: " + reason,
                    "Uniqueid: " + uniqueId,
                    "CallerIDNum: " + orUnknown(callerNumber),
                    "CallerIDName: " + orUnknown(callerName)));
            return new Event("OriginateResponse", List.copyOf(lines));
        }
    }

    /**
     * The name Asterisk gives a channel to {@code dial}: {@code PJSIP/alice-00000001}; a number through a trunk
     * ({@code PJSIP/+1913...@trunk}) is a channel of the trunk's endpoint; a Local channel's first half ends ";1".
     */
    static String channelName(String dial, int number) {
        int slash = dial.indexOf('/');
        String tech = dial.substring(0, slash);
        String resource = dial.substring(slash + 1);
        String suffix = String.format(Locale.ROOT, "-%08x", number);
        if (tech.equalsIgnoreCase("Local")) {
            int options = resource.indexOf('/');
            return tech + "/" + (options < 0 ? resource : resource.substring(0, options)) + suffix + ";1";
        }
        int at = resource.indexOf('@');
        return tech + "/" + (at < 0 ? resource : resource.substring(at + 1)) + suffix;
    }

    /** {@code "name" <number>}, {@code name <number>} or a bare number, as ast_callerid_parse reads them. */
    static String[] parseCallerId(String callerId) {
        int lt = callerId.lastIndexOf('<');
        int gt = callerId.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            String name = callerId.substring(0, lt).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            return new String[] {name, callerId.substring(lt + 1, gt).trim()};
        }
        String trimmed = callerId.trim();
        return trimmed.matches("[0-9+*#]+") ? new String[] {"", trimmed} : new String[] {trimmed, ""};
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "<unknown>" : value;
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
