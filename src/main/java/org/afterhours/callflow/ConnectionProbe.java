package org.afterhours.callflow;

import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.AgiRequest;
import org.afterhours.agi.AgiScript;

/**
 * A short call an administrator places to prove that Asterisk reaches this server and that keys and prompts travel
 * both ways: {@code AGI(agi://host:4573/probe)}. It answers, plays Asterisk's own "hello world", waits for a key,
 * reads it back, and leaves it in {@value #KEY_VARIABLE} for the dialplan.
 */
public final class ConnectionProbe implements AgiScript {
    public static final String PATH = "probe";
    public static final String KEY_VARIABLE = "AFTERHOURS_PROBE_KEY";
    private static final long KEY_WAIT_MILLIS = 5000;

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        channel.answer();
        channel.verbose("afterhours probe: FastAGI connection works", 1);
        Optional<Character> key = channel.streamFile("hello-world", AgiChannel.ANY_KEY).key();
        if (key.isEmpty()) {
            key = channel.waitForDigit(KEY_WAIT_MILLIS);
        }
        String pressed = key.map(String::valueOf).orElse("");
        if (!pressed.isEmpty() && Character.isDigit(key.get())) {
            channel.sayDigits(pressed, "");
        }
        channel.setVariable(KEY_VARIABLE, pressed);
    }
}
