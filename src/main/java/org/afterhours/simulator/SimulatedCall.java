package org.afterhours.simulator;

import java.util.List;

/**
 * A call to play against the server, as a real Asterisk would place it.
 *
 * @param callerNumber    caller ID number ("" is sent as Asterisk's {@code unknown})
 * @param callerName      caller ID name
 * @param dialledNumber   the number the caller dialled (DNIS)
 * @param script          path and query of the AGI URL, e.g. {@code afterhours?line=main}
 * @param arguments       dialplan arguments, sent as {@code agi_arg_1..n}
 * @param keys            keys the caller presses, in order; {@code w} means "let this prompt time out"
 * @param hangupAtCommand the caller hangs up while the server's n-th command runs (1-based); 0 never
 */
public record SimulatedCall(String callerNumber, String callerName, String dialledNumber, String script,
                            List<String> arguments, String keys, int hangupAtCommand) {
    public SimulatedCall {
        arguments = List.copyOf(arguments);
    }

    public static SimulatedCall to(String script) {
        return new SimulatedCall("", "", "", script, List.of(), "", 0);
    }

    public SimulatedCall from(String number, String name) {
        return new SimulatedCall(number, name, dialledNumber, script, arguments, keys, hangupAtCommand);
    }

    public SimulatedCall dialling(String number) {
        return new SimulatedCall(callerNumber, callerName, number, script, arguments, keys, hangupAtCommand);
    }

    public SimulatedCall pressing(String keyPresses) {
        return new SimulatedCall(callerNumber, callerName, dialledNumber, script, arguments, keyPresses,
                hangupAtCommand);
    }

    public SimulatedCall withArguments(List<String> args) {
        return new SimulatedCall(callerNumber, callerName, dialledNumber, script, args, keys, hangupAtCommand);
    }

    public SimulatedCall hangingUpAt(int command) {
        return new SimulatedCall(callerNumber, callerName, dialledNumber, script, arguments, keys, command);
    }
}
