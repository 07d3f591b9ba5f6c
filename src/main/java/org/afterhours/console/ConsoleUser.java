package org.afterhours.console;

/** Who is logged in: a person of the on-call setup. */
record ConsoleUser(String personId, String name, boolean manager) {

    /** Managers see everyone's pay form; a technician only their own. */
    boolean maySeePayFormOf(String otherPersonId) {
        return manager || personId.equals(otherPersonId);
    }
}
