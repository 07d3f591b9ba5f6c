package org.afterhours.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The environment block res_agi writes when it connects to a FastAGI server: the same variables in the same order
 * as a real Asterisk 22 sends for a Local channel, ended by an empty line.
 */
public final class AgiEnvironmentBlock {
    private AgiEnvironmentBlock() {
    }

    public static List<String> lines(SimulatedCall call, String host, int port, String uniqueId, long threadId) {
        List<String> lines = new ArrayList<>();
        lines.add("agi_network: yes");
        lines.add("agi_network_script: " + call.script());
        lines.add("agi_request: agi://" + host + ":" + port + "/" + call.script());
        lines.add("agi_channel: Local/s@afterhours-simulator-" + uniqueId.replace('.', '-') + ";1");
        lines.add("agi_language: en");
        lines.add("agi_type: Local");
        lines.add("agi_uniqueid: " + uniqueId);
        lines.add("agi_version: 22.10.1");
        lines.add("agi_callerid: " + orUnknown(call.callerNumber()));
        lines.add("agi_calleridname: " + orUnknown(call.callerName()));
        lines.add("agi_callingpres: 0");
        lines.add("agi_callingani2: 0");
        lines.add("agi_callington: 0");
        lines.add("agi_callingtns: 0");
        // A Local channel (what the simulator names itself) has no DNID: as on a real Asterisk, the number the
        // dialplan was entered with reaches the server only as the extension.
        lines.add("agi_dnid: unknown");
        lines.add("agi_rdnis: unknown");
        lines.add("agi_context: afterhours");
        lines.add("agi_extension: " + (call.dialledNumber().isEmpty() ? "s" : call.dialledNumber()));
        lines.add("agi_priority: 2");
        lines.add("agi_enhanced: 0.0");
        lines.add("agi_accountcode: ");
        lines.add("agi_threadid: " + threadId);
        for (int i = 0; i < call.arguments().size(); i++) {
            lines.add("agi_arg_" + (i + 1) + ": " + call.arguments().get(i));
        }
        lines.add("");
        return lines;
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "unknown" : value;
    }
}
