package org.afterhours.bench;

/**
 * The one call every server under test plays, command for command: answer, a prompt with escape digits, a wait for
 * a key, the key's reference read back, a variable set and read back, a goodbye prompt, hang-up. Each server then
 * sets its own status variable ({@code AFTERHOURS_STATUS} / {@code AJ_AGISTATUS}) on the dead channel: 9 commands.
 */
final class CallScript {
    static final String SCRIPT_PATH = "bench";
    static final String PROMPT = "afterhours/welcome";
    static final String PROMPT_ESCAPE_DIGITS = "123";
    /** What the command says; the generator decides when the key really comes (its think time). */
    static final int WAIT_FOR_DIGIT_MILLIS = 60_000;
    static final String REFERENCE = "4815";
    static final String VARIABLE = "BENCH_KEY";
    static final String GOODBYE = "afterhours/goodbye";
    /** The caller lets the prompt play out ('w'), then presses 1 during WAIT FOR DIGIT. */
    static final String CALLER_KEYS = "w1";
    /** Commands a complete call carries, the status variable included. */
    static final int COMMANDS_PER_CALL = 9;

    private CallScript() {
    }

    /** The script's own check that the channel gave back what it was given: a wrong reply fails the call. */
    static void expectSame(String set, String readBack) {
        if (!set.equals(readBack)) {
            throw new IllegalStateException("GET VARIABLE gave '" + readBack + "', SET VARIABLE set '" + set + "'");
        }
    }
}
