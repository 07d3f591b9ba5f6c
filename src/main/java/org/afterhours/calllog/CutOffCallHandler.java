package org.afterhours.calllog;

/** What is owed to a caller whose call was cut off by a crash: someone must call them back. */
public interface CutOffCallHandler {
    /** Owes the caller a follow-up due at once (the durable follow-up table: cause CALL_CUT_OFF). */
    void oweFollowUpAtOnce(LeftOpenCall call);

    /** The caller was in an emergency: alert people now, they are the ones who most need the call back. */
    void alertEmergencyCutOff(LeftOpenCall call);
}
