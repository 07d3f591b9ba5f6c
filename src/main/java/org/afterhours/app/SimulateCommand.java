package org.afterhours.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.TechnicianBehaviour;
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

    @Option(names = "--fake-ami", description = "also play Asterisk's manager interface on --ami-port, so the "
            + "server (started with the same AFTERHOURS_AMI_SECRET) can ring technicians; their screened legs are "
            + "played too and printed after the caller's dialogue")
    boolean fakeAmi;

    @Option(names = "--ami-port", defaultValue = "5038", description = "port of the fake AMI (default: ${DEFAULT-VALUE})")
    int amiPort;

    @Option(names = "--phone", description = "how one contact point behaves with --fake-ami, DIALSTRING=BEHAVIOUR; "
            + "BEHAVIOUR: accept, decline, no-key (a voicemail picks up), no-answer, busy, fail; on a message call: "
            + "hear-and-handle (1 then 3), call-back (2). Repeat for more. Phones not named accept (on a message "
            + "call, 1: they hear it).")
    Map<String, String> phones = new LinkedHashMap<>();

    @Option(names = "--talk-seconds", defaultValue = "3", description = "how long the caller stays in the room "
            + "with the technician (default: ${DEFAULT-VALUE})")
    int talkSeconds;

    private FakeAmi startFakeAmi(PrintWriter out) throws IOException {
        // The fake accepts the secret the server was given; a fake has nothing to protect, so without one it
        // expects the word "simulate".
        String secret = System.getenv().getOrDefault("AFTERHOURS_AMI_SECRET", "simulate");
        FakeAmi ami = new FakeAmi("afterhours", secret).contexts("afterhours-screen", AfterCallSide.MESSAGE_CONTEXT)
                .otherPhones(TechnicianBehaviour.answers("1"))
                // As [afterhours-screen] and [afterhours-message] do: the node the leg names, else the one this call
                // went to.
                .runningAgi(host, port, (context, exten, vars) -> vars.getOrDefault("AFTERHOURS_NODE",
                        "agi://" + host + ":" + port) + (context.equals(AfterCallSide.MESSAGE_CONTEXT)
                        ? "/message?ref=" + vars.get("AFTERHOURS_REF") + "&attempt=" + vars.get("AFTERHOURS_ATTEMPT")
                        : "/screen?ref=" + vars.get("AFTERHOURS_REF") + "&role=" + vars.get("AFTERHOURS_ROLE")
                                + "&attempt=" + vars.get("AFTERHOURS_ATTEMPT")));
        phones.forEach((dial, behaviour) -> ami.phone(dial, behaviour(behaviour)));
        ami.start(amiPort);
        out.println("-- fake AMI listening on port " + amiPort + "; waiting for the server to log in...");
        out.flush();
        long deadline = System.nanoTime() + 45_000_000_000L;
        while (ami.logins() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000_000L);
        }
        if (ami.logins() == 0) {
            ami.close();
            throw new IOException("the server did not log in to the fake AMI on port " + amiPort
                    + " within 45 s (is it running with AFTERHOURS_AMI_SECRET and ami.port = " + amiPort + "?)");
        }
        out.println("-- the server logged in to the fake AMI");
        return ami;
    }

    private static TechnicianBehaviour behaviour(String name) {
        return switch (name) {
            case "accept" -> TechnicianBehaviour.answers("1");
            case "decline" -> TechnicianBehaviour.answers("2");
            case "no-key" -> TechnicianBehaviour.answers("");
            case "no-answer" -> TechnicianBehaviour.neverAnswers();
            case "busy" -> TechnicianBehaviour.busy();
            case "fail" -> TechnicianBehaviour.fails();
            case "hear-and-handle" -> TechnicianBehaviour.answers("13");
            case "call-back" -> TechnicianBehaviour.answers("2");
            default -> throw new IllegalArgumentException("--phone behaviour must be accept, decline, no-key, "
                    + "no-answer, busy, fail, hear-and-handle or call-back, not '" + name + "'");
        };
    }

    private static String progress(FakeAmi ami) {
        return ami.actions("Originate").size() + "/" + ami.answeredLegs().size();
    }

    /** Each leg the server had Asterisk ring and that answered: its screening dialogue, indented. */
    private static void printAnsweredLegs(FakeAmi ami, PrintWriter out) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String seen = "";
        // Alert calls to managers, and the call telling the on-call technician of a message just left, may still be
        // placed or running: wait until neither more calls nor more finished legs appear for a moment.
        while (System.nanoTime() < deadline && !progress(ami).equals(seen)) {
            seen = progress(ami);
            LockSupport.parkNanos(1_500_000_000L);
        }
        for (FakeAmi.Action originate : ami.actions("Originate")) {
            out.println("-- AMI Originate " + originate.header("Channel") + " (" + originate.header("ChannelId")
                    + ", ring " + originate.header("Timeout") + " ms)");
        }
        for (FakeAmi.AnsweredLeg leg : ami.answeredLegs()) {
            out.println("-- answered leg " + leg.uniqueId() + " ran " + leg.script() + ":");
            leg.dialogue().forEach(line -> out.println("   " + line));
        }
    }

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
        try (FakeAmi ami = fakeAmi ? startFakeAmi(out) : null) {
            long[] talkUntil = {0};
            ResAgiResponder asterisk = new ResAgiResponder(call.keys(), call.hangupAtCommand())
                    .withSounds(SimulateCommand::shippedSound)
                    .bridgeLastingUntil(() -> {
                        if (talkUntil[0] == 0) {
                            talkUntil[0] = System.nanoTime() + talkSeconds * 1_000_000_000L;
                        }
                        return System.nanoTime() > talkUntil[0];
                    });
            AsteriskSimulator.Result result = new AsteriskSimulator(host, port, Duration.ofSeconds(timeoutSeconds))
                    .play(call, asterisk, line -> {
                        out.println(line);
                        out.flush();
                    });
            if (ami != null) {
                printAnsweredLegs(ami, out);
            }
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
