package org.afterhours.callflow;

/** The caller's answer to "is this an emergency?". */
public enum Triage {
    EMERGENCY, NON_EMERGENCY
}
