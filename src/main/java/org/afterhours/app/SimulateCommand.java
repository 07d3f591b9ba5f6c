package org.afterhours.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.ResAgiResponder;
import org.afterhours.simulator.SimulatedCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "simulate", description = "Play Asterisk against a running server: place one call and print the "
        + "dialogue ('>' the server sent, '<' Asterisk answered).")
final class SimulateCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "server address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "4573", description = "server port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--script", defaultValue = "afterhours",
            description = "AGI URL path and query: afterhours (the after-hours line), afterhours?line=main, or probe "
                    + "(default: ${DEFAULT-VALUE})")
    String script;

    @Option(names = "--business-hours", description = "place the call as if the line were open now (the server "
            + "must run with flow.allow-simulated-time=true)")
    boolean businessHours;

    @Option(names = "--after-hours", description = "place the call as if the line were closed now (same condition)")
    boolean afterHours;

    @Option(names = "--caller-number", defaultValue = "+13125550142", description = "caller ID number")
    String callerNumber;

    @Option(names = "--caller-name", defaultValue = "Pat Caller", description = "caller ID name")
    String callerName;

    @Option(names = "--dialled", defaultValue = "913-201-6503",
            description = "the number the caller dialled: picks the line (default: ${DEFAULT-VALUE})")
    String dialled;

    @Option(names = "--keys", defaultValue = "", description = "keys the caller presses in order, commas allowed; "
            + "'w' lets one prompt or wait pass without a key (e.g. 1, 2, 9,9,9, w1, 1#1)")
    String keys;

    @Option(names = {"--hangup-after", "--hangup-at"}, defaultValue = "0",
            description = "hang up while the server's n-th command runs (0: never)")
    int hangupAt;

    @Option(names = "--arg", description = "a dialplan argument (agi_arg_n); repeat for more")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--timeout-seconds", defaultValue = "60", description = "give up when the server is silent")
    int timeoutSeconds;

    /**
     * The simulated Asterisk has the sounds this checkout ships (asterisk-config/sounds/en) and Asterisk's own core
     * sounds; a prompt rendered for one line exists only if someone generated it.
     */
    private static boolean shippedSound(String name) {
        if (!name.startsWith("afterhours/")) {
            return true;
        }
        Path sounds = Path.of("asterisk-config", "sounds", "en");
        return !Files.isDirectory(sounds) || Files.exists(sounds.resolve(name + ".wav"));
    }

    private String withSimulatedTime(String path) {
        if (!businessHours && !afterHours) {
            return path;
        }
        return path + (path.contains("?") ? "&" : "?") + "simulate=" + (businessHours ? "business-hours" : "after-hours");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SimulatedCall call = SimulatedCall.to(withSimulatedTime(script)).from(callerNumber, callerName)
                .dialling(dialled).pressing(keys.replace(",", "").replace(" ", "")).withArguments(arguments)
                .hangingUpAt(hangupAt);
        try {
            ResAgiResponder asterisk = new ResAgiResponder(call.keys(), call.hangupAtCommand())
                    .withSounds(SimulateCommand::shippedSound);
            AsteriskSimulator.Result result = new AsteriskSimulator(host, port, Duration.ofSeconds(timeoutSeconds))
                    .play(call, asterisk, line -> {
                        out.println(line);
                        out.flush();
                    });
            String status = result.variables().getOrDefault("AFTERHOURS_STATUS", "(not set)");
            out.printf("-- call %s over: %d command(s), AFTERHOURS_STATUS=%s%s%n", result.uniqueId(),
                    result.commands().size(), status, result.callerHungUp() ? ", channel hung up" : "");
            return "SUCCESS".equals(status) || result.callerHungUp() ? 0 : 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("simulate: cannot reach " + host + ":" + port + ": " + e.getMessage());
            return 3;
        }
    }
}
