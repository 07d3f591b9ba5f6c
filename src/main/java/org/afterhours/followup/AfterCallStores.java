package org.afterhours.followup;

/** The tables the follow-through works on, as the database implements them. */
public record AfterCallStores(DueWorkQueue queue, AfterCallRecord calls, FollowUpBook followUps, AfterCallLog log) {
}
