package org.afterhours.app;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.SimulatedCall;

/** Simulated callers of the after-hours line, each remembering the reference number it was read. */
final class Callers {
    private static final Pattern UNIQUE_ID = Pattern.compile("< agi_uniqueid: (\\S+)");
    private static final Pattern REFERENCE = Pattern.compile("> SAY DIGITS \"([0-9]{7})\"");
    /** Emergency with an urgent message (no PBX manager interface), non-emergency with a message, information. */
    private static final List<String> KEYS = List.of("1#1", "21#1", "2");

    private final AsteriskSimulator asterisk;

    Callers(int agiPort) {
        asterisk = new AsteriskSimulator("127.0.0.1", agiPort, Duration.ofSeconds(60));
    }

    /** A call placed: the channel's uniqueid, and the reference number read to the caller (null if none was). */
    record Placed(String uniqueId, String referenceHeard) {
    }

    /**
     * One call to the end; {@code dialogue} sees each line (and may hold the call by blocking). A call the server
     * cut off (its process killed) ends here too: it is known by the uniqueid it sent.
     */
    Placed call(int n, Consumer<String> dialogue) {
        StringBuilder heard = new StringBuilder();
        try {
            asterisk.play(SimulatedCall.to("afterhours?simulate=after-hours").from("+1913555" + (1000 + n % 9000),
                    "Caller " + n).pressing(KEYS.get(n % KEYS.size())), line -> {
                        heard.append(line).append('\n');
                        dialogue.accept(line);
                    });
        } catch (IOException cutOff) {
            heard.append("-- cut off: ").append(cutOff.getMessage());
        }
        Matcher id = UNIQUE_ID.matcher(heard);
        if (!id.find()) {
            throw new IllegalStateException("no uniqueid sent:\n" + heard);
        }
        Matcher m = REFERENCE.matcher(heard);
        return new Placed(id.group(1), m.find() ? m.group(1) : null);
    }

    /** {@code count} calls, {@code parallel} at a time, in call order. */
    List<Placed> calls(int first, int count, int parallel) throws InterruptedException, ExecutionException {
        List<Future<Placed>> placed = new ArrayList<>();
        try (ExecutorService lines = Executors.newFixedThreadPool(parallel, Thread.ofVirtual().factory())) {
            for (int i = first; i < first + count; i++) {
                int n = i;
                placed.add(lines.submit(() -> call(n, line -> { })));
            }
        }
        List<Placed> references = new ArrayList<>();
        for (Future<Placed> f : placed) {
            references.add(f.get());
        }
        return references;
    }
}
