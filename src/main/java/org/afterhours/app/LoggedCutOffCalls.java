package org.afterhours.app;

import org.afterhours.calllog.CutOffCallHandler;
import org.afterhours.calllog.LeftOpenCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a call cut off by a crash is owed, as log lines an operator's alerting can page on. The durable follow-up
 * (a row due at once, fired once across nodes) replaces {@link #oweFollowUpAtOnce} when the follow-up table lands.
 * The caller's number stays out of the log: it is untrusted text, and the record holds it.
 */
final class LoggedCutOffCalls implements CutOffCallHandler {
    private static final Logger log = LoggerFactory.getLogger(LoggedCutOffCalls.class);

    @Override
    public void oweFollowUpAtOnce(LeftOpenCall call) {
        log.warn("follow-up owed now: the call with reference {} was cut off when the server died (last step {}); "
                + "call the caller back", call.reference(), call.lastStep());
    }

    @Override
    public void alertEmergencyCutOff(LeftOpenCall call) {
        log.error("ALERT: an EMERGENCY call, reference {}, was cut off when the server died (last step {}); call the "
                + "caller back now", call.reference(), call.lastStep());
    }
}
