package org.afterhours.calllog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a technician fills in for a call's entry. The procedure pays only for entries with every area filled
 * in: summary, resolution, ticket number, and who completed it (the on-call technician, and the second-call
 * technician when the call reached them).
 *
 * @param completedBy person ids, comma-separated
 */
public record Completion(String summary, String resolution, String ticketNumber, String completedBy) {
    public static final String SUMMARY = "summary";
    public static final String RESOLUTION = "resolution";
    public static final String TICKET_NUMBER = "ticket_number";
    public static final String COMPLETED_BY = "completed_by";

    public Completion {
        summary = trimmed(summary);
        resolution = trimmed(resolution);
        ticketNumber = trimmed(ticketNumber);
        completedBy = trimmed(completedBy);
    }

    public static Completion empty() {
        return new Completion(null, null, null, null);
    }

    /** The fields by column name, in the form's order. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(SUMMARY, summary);
        fields.put(RESOLUTION, resolution);
        fields.put(TICKET_NUMBER, ticketNumber);
        fields.put(COMPLETED_BY, completedBy);
        return fields;
    }

    /** Column names of the required fields still empty. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        fields().forEach((name, value) -> {
            if (value == null) {
                missing.add(name);
            }
        });
        return missing;
    }

    public boolean isComplete() {
        return missing().isEmpty();
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
