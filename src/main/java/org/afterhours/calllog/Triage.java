package org.afterhours.calllog;

/** The caller's answer to "is this an emergency?" ({@code call_record.triage}), and how the console words it. */
public enum Triage {
    EMERGENCY("Emergency"),
    NON_EMERGENCY("Not an emergency");

    private final String label;

    Triage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
