package org.afterhours.app;

import org.afterhours.calllog.CutOffCallHandler;
import org.afterhours.calllog.FollowUpCause;
import org.afterhours.calllog.LeftOpenCall;
import org.afterhours.followup.FollowUps;

/**
 * A call cut off by a crash owes its caller a follow-up due at once: a row of the follow-up table (the Support
 * Manager is told on the next round of the timers, on whichever node), besides the log lines an operator can page on.
 * An emergency caller cut off is more: the on-call technicians and the managers are told at once, by a due item
 * that any node delivers and retries (followup's EMERGENCY_CUT_OFF).
 */
record FollowedUpCutOffCalls(CutOffCallHandler logged, FollowUps followUps) implements CutOffCallHandler {
    @Override
    public void oweFollowUpAtOnce(LeftOpenCall call) {
        logged.oweFollowUpAtOnce(call);
        followUps.oweAtOnce(call.reference(), FollowUpCause.CALL_CUT_OFF);
    }

    @Override
    public void alertEmergencyCutOff(LeftOpenCall call) {
        logged.alertEmergencyCutOff(call);
        followUps.alertEmergencyCutOff(call.reference(), call.lastStep());
    }
}
