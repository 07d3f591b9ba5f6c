package org.afterhours.calllog;

/** An event as the journal holds it: {@code position} orders every entry of this node's journal. */
public record JournalEntry(long position, CallEvent event) {
}
