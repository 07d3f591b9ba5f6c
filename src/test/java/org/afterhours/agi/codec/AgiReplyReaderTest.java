package org.afterhours.agi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.afterhours.agi.AgiReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every reply shape recorded from Asterisk 22.10.1 (agi.txt) and what it parses to. */
@DisplayName("AgiReplyReader: reply lines from res_agi become replies")
class AgiReplyReaderTest {

    /** The multi-line 520 exactly as Asterisk sent it for a bare STREAM FILE. */
    static final List<String> STREAM_FILE_USAGE = List.of(
            "520-Invalid command syntax.  Proper usage follows:",
            "Send the given file, allowing playback to be interrupted by the given digits, if any. Returns "
                    + "<literal>0</literal> if playback completes without a digit being pressed, or the ASCII "
                    + "numerical value of the digit if one was pressed, or <literal>-1</literal> on error or if the "
                    + "channel was disconnected. If musiconhold is playing before calling stream file it will be "
                    + "automatically stopped and will not be restarted after completion.",
            "It sets the following channel variables upon completion:",
            "<variable>PLAYBACKSTATUS</variable>: The status of the playback attempt as a text string.",
            "    <value>SUCCESS</value>",
            "    <value>FAILED</value>",
            "520 End of proper usage.");

    private final AgiReplyReader reader = new AgiReplyReader();

    private static AgiReply success(String result, String data, Map<String, String> attributes) {
        return new AgiReply(200, result, data, attributes, "");
    }

    private static AgiReply failure(int code, String message) {
        return new AgiReply(code, "", null, Map.of(), message);
    }

    /** line as sent, what it means, the parsed reply. */
    static Stream<Arguments> singleLineReplies() {
        return Stream.of(
                Arguments.of("200 result=0", "ANSWER / WAIT FOR DIGIT timeout / NOOP",
                        success("0", null, Map.of())),
                Arguments.of("200 result=0 endpos=11360", "STREAM FILE played to the end",
                        success("0", null, Map.of("endpos", "11360"))),
                Arguments.of("200 result=-1 endpos=0", "STREAM FILE of a missing file (live channel)",
                        success("-1", null, Map.of("endpos", "0"))),
                Arguments.of("200 result=12", "GET DATA digits", success("12", null, Map.of())),
                Arguments.of("200 result= (timeout)", "GET DATA timeout: empty result",
                        success("", "timeout", Map.of())),
                Arguments.of("200 result=1 (bar baz)", "GET VARIABLE with a space",
                        success("1", "bar baz", Map.of())),
                Arguments.of("200 result=1 (a\"b\\c,d)", "GET VARIABLE with quote, backslash, comma",
                        success("1", "a\"b\\c,d", Map.of())),
                Arguments.of("200 result=1 ()", "GET FULL VARIABLE of an empty value",
                        success("1", "", Map.of())),
                Arguments.of("200 result=0 (timeout) endpos=0", "RECORD FILE timeout",
                        success("0", "timeout", Map.of("endpos", "0"))),
                Arguments.of("200 result=35 (dtmf) endpos=8000", "RECORD FILE ended by #",
                        success("35", "dtmf", Map.of("endpos", "8000"))),
                Arguments.of("200 result=1 (digit) digit=5 endpos=100", "data and two attributes",
                        success("1", "digit", Map.of("digit", "5", "endpos", "100"))),
                Arguments.of("200 result=1 (a) b)", "a value holding ')'", success("1", "a) b", Map.of())),
                Arguments.of("200 result=1 (ANSWER)", "GET VARIABLE DIALSTATUS",
                        success("1", "ANSWER", Map.of())),
                Arguments.of("200 result=6", "CHANNEL STATUS up", success("6", null, Map.of())),
                Arguments.of("200 result=-2", "EXEC of an unknown application", success("-2", null, Map.of())),
                Arguments.of("510 Invalid or unknown command", "unknown command",
                        failure(510, "Invalid or unknown command")),
                Arguments.of("511 Command Not Permitted on a dead channel or intercept routine", "dead channel",
                        failure(511, "Command Not Permitted on a dead channel or intercept routine")),
                Arguments.of("520 Invalid command syntax.  Proper usage not available.", "single-line usage",
                        failure(520, "Invalid command syntax.  Proper usage not available.")));
    }

    @ParameterizedTest(name = "{0}  ({1})")
    @MethodSource("singleLineReplies")
    void a_single_line_reply_parses_to(String line, String meaning, AgiReply expected) throws Exception {
        assertEquals(new AgiInbound.Reply(expected), reader.read(line));
    }

    @Test
    void typed_accessors_read_the_parsed_reply() throws Exception {
        AgiReply played = reply(reader.read("200 result=0 endpos=11360"));
        AgiReply timedOut = reply(reader.read("200 result= (timeout)"));
        AgiReply missing = reply(reader.read("200 result=-1 endpos=0"));
        AgiReply unknown = reply(reader.read("510 Invalid or unknown command"));

        assertTrue(played.isSuccess());
        assertEquals(0, played.resultAsInt());
        assertEquals(OptionalLong.of(11360), played.endpos());
        assertEquals(-1, missing.resultAsInt());
        assertEquals(OptionalLong.of(0), missing.endpos());
        assertEquals(OptionalLong.empty(), timedOut.endpos());
        assertEquals(AgiReply.INVALID_COMMAND, unknown.code());
        assertTrue(!unknown.isSuccess());
    }

    @Test
    void the_multi_line_520_is_one_reply_keeping_the_usage_text() throws Exception {
        for (String line : STREAM_FILE_USAGE.subList(0, STREAM_FILE_USAGE.size() - 1)) {
            assertNull(reader.read(line), () -> "reply completed early at: " + line);
        }
        AgiInbound last = reader.read(STREAM_FILE_USAGE.getLast());

        String usage = String.join("\n", STREAM_FILE_USAGE.subList(0, STREAM_FILE_USAGE.size() - 1))
                .substring("520-".length());
        assertEquals(new AgiInbound.Reply(new AgiReply(520, "", null, Map.of(), usage)), last);
        assertTrue(reply(last).message().contains("    <value>SUCCESS</value>"), "indentation kept");
    }

    @Test
    void after_a_multi_line_520_the_next_line_is_a_new_reply() throws Exception {
        for (String line : STREAM_FILE_USAGE) {
            reader.read(line);
        }
        assertEquals(new AgiInbound.Reply(success("0", null, Map.of())), reader.read("200 result=0"));
    }

    @Test
    void a_usage_line_that_looks_like_a_reply_does_not_end_the_multi_line_520() throws Exception {
        reader.read("520-Invalid command syntax.  Proper usage follows:");
        assertNull(reader.read("200 result=0"));
        assertNull(reader.read("HANGUP"));
        AgiReply usage = reply(reader.read("520 End of proper usage."));

        assertEquals("Invalid command syntax.  Proper usage follows:\n200 result=0\nHANGUP", usage.message());
    }

    @Test
    void hangup_is_a_notice_and_the_pending_reply_follows_it() throws Exception {
        // Transcript: > NOOP   < HANGUP   < 200 result=0
        assertInstanceOf(AgiInbound.HangupNotice.class, reader.read("HANGUP"));
        assertEquals(new AgiInbound.Reply(success("0", null, Map.of())), reader.read("200 result=0"));
    }

    @Test
    void hangup_then_a_dead_channel_refusal() throws Exception {
        assertInstanceOf(AgiInbound.HangupNotice.class, reader.read("HANGUP"));
        assertEquals(new AgiInbound.Reply(
                        failure(511, "Command Not Permitted on a dead channel or intercept routine")),
                reader.read("511 Command Not Permitted on a dead channel or intercept routine"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"hello", "200 foo", "2000 result=1", "", "200 result=1 (unbalanced", "200", "200 ",
            "result=0", " 200 result=0", "HANGUP now", "hangup", "20 result=1", "abc result=1"})
    void a_line_res_agi_never_writes_is_a_protocol_error(String line) {
        assertThrows(AgiProtocolException.class, () -> reader.read(line));
    }

    @Test
    void a_multi_line_reply_longer_than_the_limit_is_a_protocol_error() throws Exception {
        reader.read("520-Invalid command syntax.  Proper usage follows:");
        AgiProtocolException thrown = assertThrows(AgiProtocolException.class, () -> {
            for (int i = 0; i < 100_000; i++) {
                reader.read("usage line " + i);
            }
        });
        assertTrue(thrown.getMessage().contains("multi-line"), thrown.getMessage());
    }

    @Test
    void a_multi_line_reply_of_fifty_lines_is_within_the_limit() throws Exception {
        reader.read("520-Invalid command syntax.  Proper usage follows:");
        for (int i = 0; i < 50; i++) {
            assertNull(reader.read("usage line " + i));
        }
        assertEquals(520, reply(reader.read("520 End of proper usage.")).code());
    }

    @Test
    void a_protocol_error_message_never_carries_control_characters() {
        AgiProtocolException thrown = assertThrows(AgiProtocolException.class,
                () -> reader.read("evil\u001b[2J\rline"));
        assertTrue(thrown.getMessage().chars().noneMatch(Character::isISOControl), thrown.getMessage());
    }

    private static AgiReply reply(AgiInbound inbound) {
        return assertInstanceOf(AgiInbound.Reply.class, inbound).reply();
    }
}
