package org.afterhours.calllog;

/** The caller's answer to "is this an emergency?" ({@code call_record.triage}); {@link Words} says it in English. */
public enum Triage {
    EMERGENCY, NON_EMERGENCY
}
