package org.afterhours.bench;

import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.AgiRequest;
import org.afterhours.agi.AgiScript;

/** {@link CallScript} on afterhours' {@link AgiChannel}. */
final class AfterhoursBenchScript implements AgiScript {
    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        channel.answer();
        channel.streamFile(CallScript.PROMPT, CallScript.PROMPT_ESCAPE_DIGITS);
        String key = channel.waitForDigit(CallScript.WAIT_FOR_DIGIT_MILLIS).map(String::valueOf).orElse("none");
        channel.sayDigits(CallScript.REFERENCE, "#");
        channel.setVariable(CallScript.VARIABLE, key);
        CallScript.expectSame(key, channel.getVariable(CallScript.VARIABLE).orElse(""));
        channel.streamFile(CallScript.GOODBYE, "");
        channel.hangup();
    }
}
