package org.afterhours.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's Asterisk answers the commands of agi.txt (recorded from Asterisk 22.10.1) with the replies res_agi
 * wrote, where it models them. Commands are the transcript's own lines, unquoted where the transcript's were.
 */
@DisplayName("ResAgiResponder: answers like res_agi")
class ResAgiResponderTest {
    private static final int NEVER = 0;
    private static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    private static final String USAGE_FIRST = "520-Invalid command syntax.  Proper usage follows:";
    private static final String USAGE_LAST = "520 End of proper usage.";

    /** keys the caller presses, the command line as in agi.txt, the reply (exact, or a regex where noted). */
    static Stream<Arguments> transcriptExchanges() {
        return Stream.of(
                exact("", "ANSWER", "200 result=0"),
                // endpos is the sample count actually played: the simulator plays nothing, so only the shape counts.
                shape("", "STREAM FILE hello-world \"\"", "200 result=0 endpos=[1-9][0-9]*"),
                shape("1", "STREAM FILE hello-world \"1\"", "200 result=49 endpos=[0-9]+"),
                shape("#", "STREAM FILE hello-world \"1#\"", "200 result=35 endpos=[0-9]+"),
                shape("5", "STREAM FILE hello-world \"1\"", "200 result=0 endpos=[1-9][0-9]*"),
                exact("12#", "GET DATA beep 8000 4", "200 result=12"),
                exact("1234", "GET DATA beep 8000 4", "200 result=1234"),
                exact("", "GET DATA beep 1000 2", "200 result= (timeout)"),
                exact("w", "GET DATA beep 1000 2", "200 result= (timeout)"),
                exact("", "WAIT FOR DIGIT 500", "200 result=0"),
                exact("5", "WAIT FOR DIGIT 500", "200 result=53"),
                exact("", "SAY DIGITS 4815 \"\"", "200 result=0"),
                exact("", "SAY NUMBER 42 \"\"", "200 result=0"),
                exact("", "SET VARIABLE FOO \"bar baz\"", "200 result=1"),
                exact("", "GET VARIABLE NOPE", "200 result=0"),
                exact("", "GET FULL VARIABLE \"${CALLERID(num)}\"", "200 result=1 ()"),
                exact("", "CHANNEL STATUS", "200 result=6"),
                exact("", "EXEC Playback beep", "200 result=0"),
                exact("", "FOO BAR", "510 Invalid or unknown command"),
                shape("", "RECORD FILE /var/spool/asterisk/afterhours/rec wav \"#\" 2000 0 BEEP s=1",
                        "200 result=0 \\(timeout\\) endpos=[0-9]+"),
                shape("#", "RECORD FILE /var/spool/asterisk/afterhours/rec wav \"#\" 2000 0 BEEP s=1",
                        "200 result=35 \\(dtmf\\) endpos=[0-9]+"),
                exact("", "VERBOSE \"hello\" 1", "200 result=1"),
                exact("", "NOOP", "200 result=0"),
                exact("", "HANGUP", "200 result=1"));
    }

    private static Arguments exact(String keys, String command, String reply) {
        return Arguments.of(keys, command, Pattern.quote(reply));
    }

    private static Arguments shape(String keys, String command, String replyPattern) {
        return Arguments.of(keys, command, replyPattern);
    }

    @ParameterizedTest(name = "keys \"{0}\": {1}")
    @MethodSource("transcriptExchanges")
    void answers_a_transcript_command_with_the_transcripts_reply(String keys, String command, String reply) {
        List<String> lines = new ResAgiResponder(keys, NEVER).reply(command);

        assertEquals(1, lines.size(), () -> "one reply line expected, got " + lines);
        assertTrue(lines.getFirst().matches(reply), () -> "got '" + lines.getFirst() + "', expected " + reply);
    }

    @Test
    void set_then_get_variable_gives_the_value_back_in_parentheses() {
        ResAgiResponder asterisk = new ResAgiResponder("", NEVER);

        assertEquals(List.of("200 result=1"), asterisk.reply("SET VARIABLE FOO \"bar baz\""));
        assertEquals(List.of("200 result=1 (bar baz)"), asterisk.reply("GET VARIABLE FOO"));
    }

    @Test
    void the_escaped_qq_value_round_trips_as_in_the_transcript() {
        ResAgiResponder asterisk = new ResAgiResponder("", NEVER);

        assertEquals(List.of("200 result=1"), asterisk.reply("SET VARIABLE QQ \"a\\\"b\\\\c,d\""));
        assertEquals(List.of("200 result=1 (a\"b\\c,d)"), asterisk.reply("GET VARIABLE QQ"));
        assertEquals("a\"b\\c,d", asterisk.variables().get("QQ"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"STREAM FILE", "STREAM FILE hello-world", "GET DATA", "WAIT FOR DIGIT",
            "SET VARIABLE FOO", "GET VARIABLE", "EXEC", "RECORD FILE /tmp/rec wav"})
    void a_command_missing_arguments_answers_the_multi_line_520(String command) {
        List<String> lines = new ResAgiResponder("", NEVER).reply(command);

        assertTrue(lines.size() >= 3, () -> "multi-line usage expected, got " + lines);
        assertEquals(USAGE_FIRST, lines.getFirst());
        assertEquals(USAGE_LAST, lines.getLast());
        lines.subList(1, lines.size() - 1).forEach(usage -> assertFalse(usage.startsWith("520 "), usage));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"answer", "Noop", "channel status", "Get Variable NOPE"})
    void command_names_are_case_insensitive_as_in_res_agi(String command) {
        assertTrue(new ResAgiResponder("", NEVER).reply(command).getFirst().startsWith("200 result="));
    }

    @Test
    void the_transcripts_first_call_replays_in_order() {
        ResAgiResponder asterisk = new ResAgiResponder("12#", NEVER);
        String[][] dialogue = {
                {"ANSWER", "200 result=0"},
                {"GET DATA beep 8000 4", "200 result=12"},
                {"GET DATA beep 1000 2", "200 result= (timeout)"},
                {"WAIT FOR DIGIT 500", "200 result=0"},
                {"SAY DIGITS 4815 \"\"", "200 result=0"},
                {"SAY NUMBER 42 \"\"", "200 result=0"},
                {"SET VARIABLE FOO \"bar baz\"", "200 result=1"},
                {"GET VARIABLE FOO", "200 result=1 (bar baz)"},
                {"GET VARIABLE NOPE", "200 result=0"},
                {"GET FULL VARIABLE \"${CALLERID(num)}\"", "200 result=1 ()"},
                {"CHANNEL STATUS", "200 result=6"},
                {"EXEC Playback beep", "200 result=0"},
                {"FOO BAR", "510 Invalid or unknown command"},
                {"VERBOSE \"hello\" 1", "200 result=1"},
                {"SET VARIABLE QQ \"a\\\"b\\\\c,d\"", "200 result=1"},
                {"GET VARIABLE QQ", "200 result=1 (a\"b\\c,d)"},
                {"NOOP", "200 result=0"},
                {"HANGUP", "200 result=1"},
                {"NOOP", "HANGUP\n200 result=0"},
                {"NOOP", "200 result=0"}};
        List<String> mismatches = new ArrayList<>();
        for (String[] exchange : dialogue) {
            String got = String.join("\n", asterisk.reply(exchange[0]));
            if (!got.equals(exchange[1])) {
                mismatches.add("> " + exchange[0] + "  expected <" + exchange[1] + "> got <" + got + ">");
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void the_transcripts_hangup_during_wait_for_digit_replays_exactly() {
        // Second call of agi.txt: the caller hangs up while WAIT FOR DIGIT 10000 (command 2) is pending.
        ResAgiResponder asterisk = new ResAgiResponder("", 2);

        assertEquals(List.of("200 result=0"), asterisk.reply("ANSWER"));
        assertFalse(asterisk.callerHungUp());
        assertEquals(List.of("200 result=-1"), asterisk.reply("WAIT FOR DIGIT 10000"));
        assertTrue(asterisk.callerHungUp());
        assertEquals(List.of("HANGUP", "200 result=0"), asterisk.reply("NOOP"));
        assertEquals(List.of("200 result=0"), asterisk.reply("NOOP"));
    }

    @ParameterizedTest(name = "hang-up during command {0}: {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            1 | ANSWER                                         | 200 result=-1
            2 | STREAM FILE hello-world ""                     | 200 result=-1
            2 | GET DATA beep 8000 4                           | 200 result=-1
            2 | WAIT FOR DIGIT 10000                           | 200 result=-1
            2 | RECORD FILE /tmp/rec wav "#" 2000 0 BEEP s=1   | 200 result=-1 (hangup) endpos=80000
            3 | SAY DIGITS 4815 ""                             | 200 result=-1
            """)
    void the_command_running_at_hang_up_answers_minus_one_and_hangup_precedes_the_next_reply(
            int hangupAt, String command, String reply) {
        ResAgiResponder asterisk = new ResAgiResponder("", hangupAt);
        for (int i = 1; i < hangupAt; i++) {
            assertEquals(List.of("200 result=0"), asterisk.reply("NOOP"), "before the hang-up");
        }

        // RECORD FILE reports how much it kept (res_agi: "(hangup) endpos="): the message is not lost.
        assertEquals(List.of(reply), asterisk.reply(command));
        assertEquals(List.of("HANGUP", DEAD), asterisk.reply("STREAM FILE beep \"\""),
                "HANGUP comes once, before the first reply after the hang-up, even a refusal");
        assertEquals(List.of(DEAD), asterisk.reply("ANSWER"), "and only once");
    }

    /** res_agi's command table: the commands whose dead flag is 0 answer 511 once the channel is gone. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ANSWER", "HANGUP", "CHANNEL STATUS", "STREAM FILE beep \"\"", "GET DATA beep 1000 2",
            "WAIT FOR DIGIT 500", "SAY DIGITS 4815 \"\"", "SAY NUMBER 42 \"\"",
            "RECORD FILE /tmp/rec wav \"#\" 2000 0"})
    void after_hang_up_a_command_not_allowed_on_a_dead_channel_answers_511(String command) {
        ResAgiResponder asterisk = hungUpAndAnnounced();

        assertEquals(List.of(DEAD), asterisk.reply(command));
    }

    /** res_agi's command table: NOOP, SET/GET VARIABLE, GET FULL VARIABLE, VERBOSE and EXEC have the dead flag. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "|", textBlock = """
            NOOP                                 | 200 result=0
            SET VARIABLE AFTERHOURS_STATUS done  | 200 result=1
            GET VARIABLE NOPE                    | 200 result=0
            GET FULL VARIABLE "${NOPE}"          | 200 result=1 ()
            VERBOSE "bye" 1                      | 200 result=1
            """)
    void after_hang_up_a_command_allowed_on_a_dead_channel_still_answers_200(String command, String reply) {
        ResAgiResponder asterisk = hungUpAndAnnounced();

        assertEquals(List.of(reply), asterisk.reply(command));
    }

    @Test
    void a_variable_set_on_the_dead_channel_can_be_read_back() {
        ResAgiResponder asterisk = hungUpAndAnnounced();

        assertEquals(List.of("200 result=1"), asterisk.reply("SET VARIABLE AFTERHOURS_STATUS \"hung up\""));
        assertEquals(List.of("200 result=1 (hung up)"), asterisk.reply("GET VARIABLE AFTERHOURS_STATUS"));
        assertEquals("hung up", asterisk.variables().get("AFTERHOURS_STATUS"));
    }

    @Test
    void an_unknown_command_after_hang_up_is_still_510() {
        ResAgiResponder asterisk = hungUpAndAnnounced();

        assertEquals(List.of("510 Invalid or unknown command"), asterisk.reply("FOO BAR"));
    }

    @Test
    void the_hangup_line_also_precedes_a_510() {
        ResAgiResponder asterisk = new ResAgiResponder("", 1);
        asterisk.reply("WAIT FOR DIGIT 10000");

        assertEquals(List.of("HANGUP", "510 Invalid or unknown command"), asterisk.reply("FOO BAR"));
    }

    @Test
    void our_own_hangup_command_also_leads_to_the_hangup_line_and_dead_channel_rules() {
        ResAgiResponder asterisk = new ResAgiResponder("", NEVER);
        assertEquals(List.of("200 result=1"), asterisk.reply("HANGUP"));

        assertEquals(List.of("HANGUP", DEAD), asterisk.reply("ANSWER"));
        assertEquals(List.of("200 result=0"), asterisk.reply("NOOP"));
    }

    /** A responder whose caller hung up during command 1 and whose HANGUP line has already been sent. */
    private static ResAgiResponder hungUpAndAnnounced() {
        ResAgiResponder asterisk = new ResAgiResponder("", 1);
        assertEquals(List.of("200 result=-1"), asterisk.reply("WAIT FOR DIGIT 10000"));
        assertEquals(List.of("HANGUP", "200 result=0"), asterisk.reply("NOOP"));
        return asterisk;
    }
}
