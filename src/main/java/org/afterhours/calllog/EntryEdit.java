package org.afterhours.calllog;

import java.time.Instant;

/** One changed field of a call's entry: who changed it, when, from what, to what. */
public record EntryEdit(Instant at, String by, String field, String oldValue, String newValue) {
}
