package org.afterhours.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.afterhours.simulator.AsteriskSimulator;
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

    @Option(names = "--script", defaultValue = "probe",
            description = "AGI URL path and query, e.g. probe or afterhours?line=main (default: ${DEFAULT-VALUE})")
    String script;

    @Option(names = "--caller-number", defaultValue = "+13125550142", description = "caller ID number")
    String callerNumber;

    @Option(names = "--caller-name", defaultValue = "Pat Caller", description = "caller ID name")
    String callerName;

    @Option(names = "--dialled", defaultValue = "+18005550100", description = "the number the caller dialled")
    String dialled;

    @Option(names = "--keys", defaultValue = "",
            description = "keys the caller presses in order; 'w' lets a prompt time out (e.g. 1w2#)")
    String keys;

    @Option(names = "--hangup-at", defaultValue = "0",
            description = "hang up while the server's n-th command runs (0: never)")
    int hangupAt;

    @Option(names = "--arg", description = "a dialplan argument (agi_arg_n); repeat for more")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--timeout-seconds", defaultValue = "60", description = "give up when the server is silent")
    int timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SimulatedCall call = SimulatedCall.to(script).from(callerNumber, callerName).dialling(dialled)
                .pressing(keys).withArguments(arguments).hangingUpAt(hangupAt);
        try {
            AsteriskSimulator.Result result = new AsteriskSimulator(host, port, Duration.ofSeconds(timeoutSeconds))
                    .play(call, line -> {
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
