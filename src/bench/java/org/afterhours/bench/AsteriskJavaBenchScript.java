package org.afterhours.bench;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/** {@link CallScript} on asterisk-java's {@link AgiChannel}: the same command lines, byte for byte. */
final class AsteriskJavaBenchScript implements AgiScript {
    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        channel.answer();
        channel.streamFile(CallScript.PROMPT, CallScript.PROMPT_ESCAPE_DIGITS);
        char pressed = channel.waitForDigit(CallScript.WAIT_FOR_DIGIT_MILLIS);
        String key = pressed == 0 ? "none" : String.valueOf(pressed);
        channel.sayDigits(CallScript.REFERENCE, "#");
        channel.setVariable(CallScript.VARIABLE, key);
        String readBack = channel.getVariable(CallScript.VARIABLE);
        CallScript.expectSame(key, readBack == null ? "" : readBack);
        channel.streamFile(CallScript.GOODBYE, "");
        channel.hangup();
    }
}
