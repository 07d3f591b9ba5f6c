package org.afterhours.agi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.afterhours.simulator.ResAgiArguments;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden strings: the exact line every factory method puts on the wire. */
@DisplayName("AgiCommands: every command's exact wire line")
class AgiCommandsTest {

    /** description, command, expected verb, expected line. */
    static Stream<Arguments> goldenLines() {
        return Stream.of(
                row("answer", AgiCommands::answer, "ANSWER", "ANSWER"),
                row("hangup", AgiCommands::hangup, "HANGUP", "HANGUP"),
                row("noop", AgiCommands::noop, "NOOP", "NOOP"),
                row("channel status", AgiCommands::channelStatus, "CHANNEL STATUS", "CHANNEL STATUS"),
                row("set autohangup", () -> AgiCommands.setAutoHangup(8), "SET AUTOHANGUP", "SET AUTOHANGUP 8"),
                row("set autohangup off", () -> AgiCommands.setAutoHangup(0), "SET AUTOHANGUP", "SET AUTOHANGUP 0"),
                row("stream file, no escape digits", () -> AgiCommands.streamFile("hello-world", ""),
                        "STREAM FILE", "STREAM FILE \"hello-world\" \"\""),
                row("stream file, escape digits", () -> AgiCommands.streamFile("afterhours/menu", "12#"),
                        "STREAM FILE", "STREAM FILE \"afterhours/menu\" \"12#\""),
                row("stream file from an offset", () -> AgiCommands.streamFile("afterhours/menu", "1", 8000),
                        "STREAM FILE", "STREAM FILE \"afterhours/menu\" \"1\" 8000"),
                row("stream file from offset 0", () -> AgiCommands.streamFile("beep", "", 0),
                        "STREAM FILE", "STREAM FILE \"beep\" \"\" 0"),
                row("get data", () -> AgiCommands.getData("beep", 8000, 4),
                        "GET DATA", "GET DATA \"beep\" 8000 4"),
                row("get data, zero timeout and digits", () -> AgiCommands.getData("beep", 0, 0),
                        "GET DATA", "GET DATA \"beep\" 0 0"),
                row("wait for digit", () -> AgiCommands.waitForDigit(500), "WAIT FOR DIGIT", "WAIT FOR DIGIT 500"),
                row("wait for digit, zero", () -> AgiCommands.waitForDigit(0), "WAIT FOR DIGIT", "WAIT FOR DIGIT 0"),
                row("wait for digit, forever", () -> AgiCommands.waitForDigit(-1),
                        "WAIT FOR DIGIT", "WAIT FOR DIGIT -1"),
                row("say digits", () -> AgiCommands.sayDigits("4815", ""), "SAY DIGITS", "SAY DIGITS \"4815\" \"\""),
                row("say digits with star and hash", () -> AgiCommands.sayDigits("0*#9", "#"),
                        "SAY DIGITS", "SAY DIGITS \"0*#9\" \"#\""),
                row("say number", () -> AgiCommands.sayNumber(42, ""), "SAY NUMBER", "SAY NUMBER 42 \"\""),
                row("say a negative number", () -> AgiCommands.sayNumber(-7, "*"),
                        "SAY NUMBER", "SAY NUMBER -7 \"*\""),
                row("say a time in the line's zone", () -> AgiCommands.sayDateTime(983866440L, "123", "IMp",
                        "America/Chicago"), "SAY DATETIME",
                        "SAY DATETIME 983866440 \"123\" \"IMp\" \"America/Chicago\""),
                row("set variable", () -> AgiCommands.setVariable("FOO", "bar baz"),
                        "SET VARIABLE", "SET VARIABLE \"FOO\" \"bar baz\""),
                row("set variable, quote backslash comma", () -> AgiCommands.setVariable("QQ", "a\"b\\c,d"),
                        "SET VARIABLE", "SET VARIABLE \"QQ\" \"a\\\"b\\\\c,d\""),
                row("set variable, empty value", () -> AgiCommands.setVariable("AFTERHOURS_STATUS", ""),
                        "SET VARIABLE", "SET VARIABLE \"AFTERHOURS_STATUS\" \"\""),
                row("get variable", () -> AgiCommands.getVariable("DIALSTATUS"),
                        "GET VARIABLE", "GET VARIABLE \"DIALSTATUS\""),
                row("get full variable", () -> AgiCommands.getFullVariable("${CALLERID(num)}"),
                        "GET FULL VARIABLE", "GET FULL VARIABLE \"${CALLERID(num)}\""),
                row("exec, one argument", () -> AgiCommands.exec("Playback", List.of("beep")),
                        "EXEC", "EXEC Playback \"beep\""),
                row("exec, two arguments joined by a comma", () -> AgiCommands.exec("Dial",
                        List.of("Local/s@tech-sim", "6")), "EXEC", "EXEC Dial \"Local/s@tech-sim,6\""),
                row("exec, no arguments", () -> AgiCommands.exec("Answer", List.of()), "EXEC", "EXEC Answer \"\""),
                row("exec, a comma inside an argument is escaped", () -> AgiCommands.exec("Playback",
                        List.of("a,b")), "EXEC", "EXEC Playback \"a\\\\,b\""),
                row("exec, parentheses inside an argument are escaped", () -> AgiCommands.exec("Dial",
                        List.of("Local/s@tech", "30", "U(screen)")),
                        "EXEC", "EXEC Dial \"Local/s@tech,30,U\\\\(screen\\\\)\""),
                row("record file with beep and silence", () -> AgiCommands.recordFile(
                                "/var/spool/asterisk/afterhours/rec", "wav", "#", 2000, true, 1), "RECORD FILE",
                        "RECORD FILE \"/var/spool/asterisk/afterhours/rec\" \"wav\" \"#\" 2000 0 BEEP s=1"),
                row("record file without beep or silence", () -> AgiCommands.recordFile(
                                "/tmp/rec", "wav", "#", 2000, false, 0), "RECORD FILE",
                        "RECORD FILE \"/tmp/rec\" \"wav\" \"#\" 2000 0"),
                row("record file with beep only", () -> AgiCommands.recordFile(
                                "/tmp/rec", "wav", "", 60000, true, 0), "RECORD FILE",
                        "RECORD FILE \"/tmp/rec\" \"wav\" \"\" 60000 0 BEEP"),
                row("record file with silence only", () -> AgiCommands.recordFile(
                                "/tmp/rec", "gsm", "#*", 60000, false, 3), "RECORD FILE",
                        "RECORD FILE \"/tmp/rec\" \"gsm\" \"#*\" 60000 0 s=3"),
                row("record file, negative silence means none", () -> AgiCommands.recordFile(
                                "/tmp/rec", "wav", "#", 2000, false, -5), "RECORD FILE",
                        "RECORD FILE \"/tmp/rec\" \"wav\" \"#\" 2000 0"),
                row("record file, negative length means no limit", () -> AgiCommands.recordFile(
                                "/tmp/rec", "wav", "#", -30, true, 2), "RECORD FILE",
                        "RECORD FILE \"/tmp/rec\" \"wav\" \"#\" -1 0 BEEP s=2"),
                row("verbose", () -> AgiCommands.verbose("hello", 1), "VERBOSE", "VERBOSE \"hello\" 1"),
                row("verbose level 3", () -> AgiCommands.verbose("hello", 3), "VERBOSE", "VERBOSE \"hello\" 3"),
                row("verbose level below 1 is 1", () -> AgiCommands.verbose("hello", 0),
                        "VERBOSE", "VERBOSE \"hello\" 1"),
                row("verbose negative level is 1", () -> AgiCommands.verbose("hello", -3),
                        "VERBOSE", "VERBOSE \"hello\" 1"),
                row("verbose level above 4 is 4", () -> AgiCommands.verbose("hello", 9),
                        "VERBOSE", "VERBOSE \"hello\" 4"));
    }

    private static Arguments row(String name, Supplier<AgiCommand> command, String verb, String line) {
        return Arguments.of(name, command, verb, line);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("goldenLines")
    void builds_the_exact_line(String name, Supplier<AgiCommand> command, String verb, String line) {
        AgiCommand built = command.get();

        assertEquals(line, built.line());
        assertEquals(verb, built.verb());
        assertEquals(line, built.toString());
    }

    /** Our lines quote where the transcript did not; Asterisk must read the same words from both. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("transcriptLines")
    void asterisk_reads_the_same_words_as_from_the_transcripts_line(Supplier<AgiCommand> command,
                                                                     String transcriptLine) {
        assertEquals(ResAgiArguments.parse(transcriptLine), ResAgiArguments.parse(command.get().line()));
    }

    static Stream<Arguments> transcriptLines() {
        return Stream.of(
                Arguments.of((Supplier<AgiCommand>) AgiCommands::answer, "ANSWER"),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.streamFile("hello-world", ""),
                        "STREAM FILE hello-world \"\""),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.getData("beep", 8000, 4),
                        "GET DATA beep 8000 4"),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.waitForDigit(500), "WAIT FOR DIGIT 500"),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.sayDigits("4815", ""),
                        "SAY DIGITS 4815 \"\""),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.sayNumber(42, ""), "SAY NUMBER 42 \"\""),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.setVariable("FOO", "bar baz"),
                        "SET VARIABLE FOO \"bar baz\""),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.getVariable("FOO"), "GET VARIABLE FOO"),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.getFullVariable("${CALLERID(num)}"),
                        "GET FULL VARIABLE \"${CALLERID(num)}\""),
                Arguments.of((Supplier<AgiCommand>) AgiCommands::channelStatus, "CHANNEL STATUS"),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.exec("Playback", List.of("beep")),
                        "EXEC Playback beep"),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.recordFile(
                                "/var/spool/asterisk/afterhours/rec", "wav", "#", 2000, true, 1),
                        "RECORD FILE /var/spool/asterisk/afterhours/rec wav \"#\" 2000 0 BEEP s=1"),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.verbose("hello", 1), "VERBOSE \"hello\" 1"),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.setVariable("QQ", "a\"b\\c,d"),
                        "SET VARIABLE QQ \"a\\\"b\\\\c,d\""),
                Arguments.of((Supplier<AgiCommand>) () -> AgiCommands.exec("Dial",
                        List.of("Local/s@tech-sim", "6")), "EXEC Dial \"Local/s@tech-sim,6\""),
                Arguments.of((Supplier<AgiCommand>) AgiCommands::noop, "NOOP"),
                Arguments.of((Supplier<AgiCommand>) AgiCommands::hangup, "HANGUP"));
    }

    @ParameterizedTest(name = "escape digits {0} -> {1}")
    @CsvSource(delimiterString = "|", quoteCharacter = '\'', textBlock = """
            ''              | ''
            0123456789*#    | 0123456789*#
            1a2#*1 9x       | 12#*9
            11##**          | 1#*
            ABCD            | ''
            #1              | #1
            '1"2\\3'        | 123
            """)
    void escape_digits_keep_only_keys_once_each_in_order(String escapeDigits, String kept) {
        String quoted = "\"" + kept + "\"";

        assertEquals("STREAM FILE \"f\" " + quoted, AgiCommands.streamFile("f", escapeDigits).line());
        assertEquals("STREAM FILE \"f\" " + quoted + " 0", AgiCommands.streamFile("f", escapeDigits, 0).line());
        assertEquals("SAY DIGITS \"1\" " + quoted, AgiCommands.sayDigits("1", escapeDigits).line());
        assertEquals("SAY NUMBER 1 " + quoted, AgiCommands.sayNumber(1, escapeDigits).line());
        assertEquals("RECORD FILE \"f\" \"wav\" " + quoted + " 1 0",
                AgiCommands.recordFile("f", "wav", escapeDigits, 1, false, 0).line());
    }

    @Test
    void escape_digits_drop_line_breaks_and_quotes() {
        assertEquals("STREAM FILE \"f\" \"12\"", AgiCommands.streamFile("f", "1\r\n\"HANGUP\n2").line());
    }

    @ParameterizedTest(name = "WAIT FOR DIGIT {0} -> {1}")
    @CsvSource({"-1, -1", "-2, -1", "-60000, -1", "-9223372036854775808, -1", "0, 0", "10000, 10000"})
    void a_negative_wait_means_wait_forever_which_res_agi_spells_minus_one(long millis, String sent) {
        assertEquals("WAIT FOR DIGIT " + sent, AgiCommands.waitForDigit(millis).line());
    }

    @ParameterizedTest(name = "RECORD FILE max {0} -> {1}")
    @CsvSource({"-1, -1", "-2000, -1", "0, 0", "2000, 2000"})
    void a_negative_recording_length_means_no_limit_which_res_agi_spells_minus_one(long millis, String sent) {
        assertEquals("RECORD FILE \"f\" \"wav\" \"\" " + sent + " 0",
                AgiCommands.recordFile("f", "wav", "", millis, false, 0).line());
    }

    @Test
    void a_negative_get_data_timeout_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> AgiCommands.getData("beep", -1, 4));
    }

    @Test
    void a_negative_get_data_digit_count_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> AgiCommands.getData("beep", 1000, -1));
    }

    @Test
    void a_negative_stream_offset_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> AgiCommands.streamFile("beep", "", -1));
    }

    @ParameterizedTest(name = "SAY DIGITS rejects {0}")
    @ValueSource(strings = {"", "abc", "12a", "*12", "#", "-1", " 12", "12 ", "1 2", "４８", "4815\nHANGUP",
            "4815\" HANGUP", "1.5"})
    void say_digits_rejects_anything_but_digits_star_and_hash_starting_with_a_digit(String digits) {
        assertThrows(IllegalArgumentException.class, () -> AgiCommands.sayDigits(digits, ""));
    }

    @ParameterizedTest(name = "EXEC rejects application name {0}")
    @ValueSource(strings = {"", " Dial", "Dial ", "Play back", "1Dial", "_Dial", "Dial;", "Dial\nHANGUP",
            "Dial\"", "Dial(", "Dial,x", "Dial\\", "Dial-x", "Dïal", "${APP}"})
    void exec_rejects_a_bad_application_name(String application) {
        assertThrows(IllegalArgumentException.class, () -> AgiCommands.exec(application, List.of("x")));
    }

    @ParameterizedTest(name = "EXEC accepts application name {0}")
    @ValueSource(strings = {"Dial", "Playback", "ConfBridge", "MusicOnHold", "Set", "A", "x_1"})
    void exec_accepts_a_plain_application_name_as_written(String application) {
        assertEquals("EXEC " + application + " \"\"", AgiCommands.exec(application, List.of()).line());
    }
}
