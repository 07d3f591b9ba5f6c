package org.afterhours.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Answers AGI commands the way res_agi.c does for a caller who presses the given keys: the same reply strings
 * (recorded from Asterisk 22.10.1), the same 510 / 520 / 511 rules, the same bare {@code HANGUP} line before the
 * first reply after the caller hangs up. Nothing is played: this is the peer our server talks to in the simulator,
 * the tests and the benchmarks.
 */
public final class ResAgiResponder {
    /** res_agi runs these on a dead channel too (the {@code dead} flag of its command table); the rest answer 511. */
    private static final Set<String> ALLOWED_ON_DEAD_CHANNEL =
            Set.of("EXEC", "GET FULL VARIABLE", "GET VARIABLE", "NOOP", "SET VARIABLE", "VERBOSE");
    private static final List<String> VERBS = List.of("ANSWER", "HANGUP", "NOOP", "CHANNEL STATUS", "STREAM FILE",
            "GET DATA", "WAIT FOR DIGIT", "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "SAY DATETIME", "SET VARIABLE", "SET MUSIC", "GET FULL VARIABLE",
            "GET VARIABLE", "EXEC", "RECORD FILE", "VERBOSE", "SET AUTOHANGUP");
    private static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    private static final long SAMPLES_PER_PROMPT = 16000;

    private final Deque<Character> keys = new ArrayDeque<>();
    private final int hangupAtCommand;
    private Predicate<String> soundExists = name -> true;
    private Predicate<String> folderWritable = folder -> true;
    private String dialStatus = "ANSWER";
    private java.util.function.BooleanSupplier hangupCondition = () -> false;
    private java.util.function.BooleanSupplier lateKeysCondition = () -> false;
    private String lateKeys = "";
    private java.util.function.BooleanSupplier bridgeEnds = () -> true;
    private final Map<String, String> variables = new HashMap<>();
    private java.util.function.ToLongFunction<String> commandMillis = line -> 0;
    private java.util.function.LongConsumer timePassing = millis -> { };
    private long elapsedMillis;
    private long autoHangupAtMillis = -1;
    private int commands;
    private boolean hungUp;
    private boolean hangupAnnounced;

    public ResAgiResponder(String keyPresses, int hangupAtCommand) {
        for (char c : keyPresses.toCharArray()) {
            keys.add(c);
        }
        this.hangupAtCommand = hangupAtCommand;
    }

    /** Which sound files this Asterisk has; STREAM FILE of any other fails as on a real one. Default: all. */
    public ResAgiResponder withSounds(Predicate<String> exists) {
        this.soundExists = exists;
        return this;
    }

    /**
     * Which folders this Asterisk can write recordings into; RECORD FILE into any other fails as on a real one
     * ({@code 200 result=-1 (writefile)}, the caller still there). Default: all.
     */
    public ResAgiResponder withWritableFolders(Predicate<String> writable) {
        this.folderWritable = writable;
        return this;
    }

    /** Once {@code condition} holds, the caller presses {@code keyPresses} (added after any keys still unpressed). */
    public ResAgiResponder pressingWhen(java.util.function.BooleanSupplier condition, String keyPresses) {
        this.lateKeysCondition = condition;
        this.lateKeys = keyPresses;
        return this;
    }

    /**
     * EXEC ConfBridge lasts until {@code condition} holds (at most 20 s): the conversation in the room. By default
     * it ends at once, as when the other side hangs up straight away.
     */
    public ResAgiResponder bridgeLastingUntil(java.util.function.BooleanSupplier condition) {
        this.bridgeEnds = condition;
        return this;
    }

    /** The caller hangs up during the first command at which {@code condition} holds (e.g. "step 2 is ringing"). */
    public ResAgiResponder hangingUpWhen(java.util.function.BooleanSupplier condition) {
        this.hangupCondition = condition;
        return this;
    }

    /**
     * Commands take time: {@code millisOf} says how long a command line runs on this Asterisk (a prompt plays, a
     * wait waits), and {@code passing} is told of each stretch of time as it passes (a test moves its clock). By
     * default every command is instant. With time, SET AUTOHANGUP ends the call as on a real Asterisk: during the
     * command that would run past it, which then fails and is followed by the HANGUP line.
     */
    public ResAgiResponder takingTime(java.util.function.ToLongFunction<String> millisOf,
                                      java.util.function.LongConsumer passing) {
        this.commandMillis = millisOf;
        this.timePassing = passing;
        return this;
    }

    /** A variable the channel has before the call (e.g. a dialplan global such as AFTERHOURS_FALLBACK_MAILBOX). */
    public ResAgiResponder withVariable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** What DIALSTATUS an EXEC Dial leaves (ANSWER, NOANSWER, BUSY, CHANUNAVAIL...). Default: ANSWER. */
    public ResAgiResponder withDialStatus(String status) {
        this.dialStatus = status;
        return this;
    }

    /** The lines Asterisk writes back for one command line, in order. */
    public List<String> reply(String commandLine) {
        commands++;
        if (!lateKeys.isEmpty() && lateKeysCondition.getAsBoolean()) {
            for (char c : lateKeys.toCharArray()) {
                keys.add(c);
            }
            lateKeys = "";
        }
        List<String> out = new ArrayList<>();
        List<String> argv = ResAgiArguments.parse(commandLine);
        String verb = verbOf(argv);
        if (hungUp && !hangupAnnounced) {
            out.add("HANGUP");
            hangupAnnounced = true;
        }
        if (verb == null) {
            out.add("510 Invalid or unknown command");
            return out;
        }
        if (hungUp && !ALLOWED_ON_DEAD_CHANNEL.contains(verb)) {
            out.add(DEAD);
            return out;
        }
        boolean autoHangup = !hungUp && passTime(commandMillis.applyAsLong(commandLine));
        if (!hungUp && (commands == hangupAtCommand || hangupCondition.getAsBoolean() || autoHangup)) {
            // The caller hangs up while this command runs: it fails, and HANGUP precedes the next reply.
            hungUp = true;
            // A caller who hangs up while recording has left a message: res_agi reports how much it kept.
            out.add(verb.equals("RECORD FILE") ? "200 result=-1 (hangup) endpos=" + SAMPLES_PER_PROMPT * 5
                    : "200 result=-1");
            return out;
        }
        List<String> args = argv.subList(verb.split(" ").length, argv.size());
        out.addAll(run(verb, args));
        return out;
    }

    /** @return whether the channel's auto hang-up time came while this much time passed (it stops there) */
    private boolean passTime(long millis) {
        if (autoHangupAtMillis >= 0 && elapsedMillis + millis >= autoHangupAtMillis) {
            timePassing.accept(autoHangupAtMillis - elapsedMillis);
            elapsedMillis = autoHangupAtMillis;
            return true;
        }
        timePassing.accept(millis);
        elapsedMillis += millis;
        return false;
    }

    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    public boolean callerHungUp() {
        return hungUp;
    }

    private List<String> run(String verb, List<String> args) {
        return switch (verb) {
            case "ANSWER", "NOOP" -> ok("0");
            case "HANGUP" -> {
                hungUp = true;
                yield ok("1");
            }
            case "CHANNEL STATUS" -> ok("6");
            case "SET AUTOHANGUP" -> {
                if (args.size() != 1) {
                    yield usage(verb);
                }
                long seconds = Math.max(0, parseOr(args.get(0), 0));
                autoHangupAtMillis = seconds == 0 ? -1 : elapsedMillis + seconds * 1000;
                yield ok("0");
            }
            case "SET MUSIC" -> args.isEmpty() ? usage(verb) : ok("0");
            case "VERBOSE" -> ok("1");
            case "STREAM FILE" -> args.size() < 2 ? usage(verb)
                    : soundExists.test(args.get(0)) ? playback(args.get(1), true)
                    : List.of("200 result=-1 endpos=0"); // a missing file fails on a live channel
            case "SAY DIGITS", "SAY NUMBER", "SAY ALPHA" -> args.size() < 2 ? usage(verb) : playback(args.get(1), false);
            case "SAY DATETIME" -> args.size() < 2 || !args.get(0).matches("-?[0-9]+") ? usage(verb)
                    : playback(args.get(1), false);
            case "GET DATA" -> args.isEmpty() ? usage(verb) : getData(args);
            case "WAIT FOR DIGIT" -> args.size() != 1 ? usage(verb) : ok(Integer.toString(nextKey("0123456789*#")));
            case "SET VARIABLE" -> {
                if (args.size() != 2) {
                    yield usage(verb);
                }
                variables.put(args.get(0), args.get(1));
                yield ok("1");
            }
            case "GET VARIABLE" -> args.size() != 1 ? usage(verb) : getVariable(args.get(0));
            case "GET FULL VARIABLE" -> args.isEmpty() ? usage(verb) : getFullVariable(args.get(0));
            case "EXEC" -> args.isEmpty() ? usage(verb) : exec(args.get(0));
            case "RECORD FILE" -> args.size() < 4 ? usage(verb) : record(args.get(0), args.get(2));
            default -> List.of("510 Invalid or unknown command");
        };
    }

    /**
     * Dial sets DIALSTATUS; after a bridged call that the other side ended, Asterisk answers -1 (as recorded), so
     * a call flow must read DIALSTATUS rather than the result. Other applications succeed.
     */
    private List<String> exec(String application) {
        if (application.equalsIgnoreCase("ConfBridge")) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!bridgeEnds.getAsBoolean() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
            return ok("0");
        }
        if (application.equalsIgnoreCase("Dial")) {
            variables.put("DIALSTATUS", dialStatus);
            return ok(dialStatus.equals("ANSWER") ? "-1" : "0");
        }
        return ok("0");
    }

    private List<String> playback(String escapeDigits, boolean reportEndpos) {
        int key = nextKey(escapeDigits);
        String endpos = reportEndpos ? " endpos=" + (key > 0 ? SAMPLES_PER_PROMPT / 4 : SAMPLES_PER_PROMPT) : "";
        return List.of("200 result=" + key + endpos);
    }

    /** GET DATA collects keys until '#', the maximum, or a 'w' (the caller waiting): then it times out. */
    private List<String> getData(List<String> args) {
        int max = args.size() >= 3 ? parseOr(args.get(2), 1024) : 1024;
        StringBuilder digits = new StringBuilder();
        while (digits.length() < max) {
            Character key = keys.poll();
            if (key == null || key == 'w') {
                return List.of("200 result=" + digits + " (timeout)");
            }
            if (key == '#') {
                break;
            }
            digits.append(key);
        }
        return List.of("200 result=" + digits);
    }

    private List<String> record(String file, String escapeDigits) {
        String folder = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        if (!folderWritable.test(folder)) {
            // res_agi: ast_writefile() failed (Asterisk logs "Unable to open file ...: No such file or directory").
            return List.of("200 result=-1 (writefile)");
        }
        int key = nextKey(escapeDigits);
        if (key > 0) {
            return List.of("200 result=" + key + " (dtmf) endpos=" + SAMPLES_PER_PROMPT * 5);
        }
        return List.of("200 result=0 (timeout) endpos=" + SAMPLES_PER_PROMPT * 5);
    }

    private List<String> getVariable(String name) {
        String value = variables.get(name);
        return value == null ? ok("0") : List.of("200 result=1 (" + value + ")");
    }

    /** Only plain {@code ${NAME}} is evaluated; anything else comes back empty, as an unset variable does. */
    private List<String> getFullVariable(String expression) {
        String value = "";
        if (expression.startsWith("${") && expression.endsWith("}")) {
            value = variables.getOrDefault(expression.substring(2, expression.length() - 1), "");
        }
        return List.of("200 result=1 (" + value + ")");
    }

    /** The ASCII code of the next key if it is one of {@code accepted}, else 0; 'w' is used up as "no key". */
    private int nextKey(String accepted) {
        Character key = keys.peek();
        if (key == null) {
            return 0;
        }
        if (key == 'w') {
            keys.poll();
            return 0;
        }
        if (accepted.indexOf(key) < 0) {
            return 0;
        }
        keys.poll();
        return key;
    }

    private static List<String> ok(String result) {
        return List.of("200 result=" + result);
    }

    private static List<String> usage(String verb) {
        return List.of("520-Invalid command syntax.  Proper usage follows:",
                "Usage: " + verb + " (see res_agi documentation)", "520 End of proper usage.");
    }

    private static String verbOf(List<String> argv) {
        String best = null;
        for (String verb : VERBS) {
            String[] words = verb.split(" ");
            if (argv.size() < words.length) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < words.length && matches; i++) {
                matches = words[i].equals(argv.get(i).toUpperCase(Locale.ROOT));
            }
            if (matches && (best == null || words.length > best.split(" ").length)) {
                best = verb;
            }
        }
        return best;
    }

    private static int parseOr(String text, int fallback) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
