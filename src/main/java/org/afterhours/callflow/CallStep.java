package org.afterhours.callflow;

/** Where a call stands; the record keeps the step a call ended in (a hang-up in TRIAGE, say). */
public enum CallStep {
    ANSWER, GREETING, BUSINESS_HOURS, TRIAGE, REFERENCE, REACHING_TECHNICIAN, HELPDESK_INFO, VOICEMAIL, GOODBYE
}
