package org.afterhours.bench;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * Issue 15's 5-command call for asterisk-java, the peer of the shipped server in scenario (f): ANSWER, a prompt that
 * takes no key (so the first command waiting for a key is WAIT FOR DIGIT, where the caller holds, as ours holds at
 * its triage prompt), WAIT FOR DIGIT, the key's reference read back, HANGUP. asterisk-java then sets AJ_AGISTATUS.
 */
final class AsteriskJavaHeldScript implements AgiScript {
    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        channel.answer();
        channel.streamFile(CallScript.PROMPT, "");
        channel.waitForDigit(CallScript.WAIT_FOR_DIGIT_MILLIS);
        channel.sayDigits(CallScript.REFERENCE);
        channel.hangup();
    }
}
