package org.afterhours.bench;

import java.util.List;

/**
 * What one simulated caller does: the AGI URL Asterisk would dial and the keys pressed, in order, as
 * {@link org.afterhours.simulator.ResAgiResponder} takes them. The after-hours paths are those of the README's
 * {@code ./afterhours simulate} examples; {@code ?simulate=after-hours} (with {@code flow.allow-simulated-time})
 * makes every call an after-hours one whatever the hour of the run.
 *
 * @param id     the name in options and tables
 * @param script the AGI URL's path and query
 * @param keys   keys the caller presses
 * @param dialled the number the caller dialled (picks the after-hours line)
 */
record CallPlan(String id, String script, String keys, String dialled) {
    private static final String AFTER_HOURS = "afterhours?simulate=after-hours";
    private static final String MAIN_LINE = "+19132016503";

    /** 1 at the greeting (the triage prompt): the technicians are rung, one accepts, both join the bridge. */
    static final CallPlan EMERGENCY = new CallPlan("emergency", AFTER_HOURS, "1", MAIN_LINE);
    /** 2 (not an emergency), 1 (leave a message), # ends the recording, 1 keeps it. */
    static final CallPlan MESSAGE = new CallPlan("message", AFTER_HOURS, "21#1", MAIN_LINE);
    /** 2, 2: the help desk's information; then the caller stays silent through the options menu and is let go. */
    static final CallPlan INFORMATION = new CallPlan("information", AFTER_HOURS, "22", MAIN_LINE);
    /**
     * asterisk-java's 5-command call ({@link AsteriskJavaHeldScript}): its prompt takes no key, so its first key
     * prompt is WAIT FOR DIGIT, where the caller presses 1.
     */
    static final CallPlan ASTERISK_JAVA_SHORT = new CallPlan("asterisk-java 5-command", CallScript.SCRIPT_PATH, "1",
            "100");

    static final List<CallPlan> AFTER_HOURS_PATHS = List.of(EMERGENCY, MESSAGE, INFORMATION);

    static CallPlan path(String id) {
        return AFTER_HOURS_PATHS.stream().filter(p -> p.id.equals(id.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no call path '" + id
                        + "' (emergency, message or information)"));
    }
}
