package org.afterhours.agi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.afterhours.agi.AgiRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("AgiEnvironmentParser: the environment block becomes an AgiRequest")
class AgiEnvironmentParserTest {
    private static final int MAX_LINES = 200;
    private static final int MAX_BYTES = 16_384;

    /** The first call's environment block in agi.txt, as Asterisk 22.10.1 sent it (note the trailing space). */
    static final List<String> TRANSCRIPT_BLOCK = List.of(
            "agi_network: yes",
            "agi_network_script: probe",
            "agi_request: agi://127.0.0.1:4573/probe",
            "agi_channel: Local/s@caller-probe-00000003;1",
            "agi_language: en",
            "agi_type: Local",
            "agi_uniqueid: 1795315065.6",
            "agi_version: 22.10.1",
            "agi_callerid: unknown",
            "agi_calleridname: unknown",
            "agi_callingpres: 67",
            "agi_callingani2: 0",
            "agi_callington: 0",
            "agi_callingtns: 0",
            "agi_dnid: unknown",
            "agi_rdnis: unknown",
            "agi_context: probe",
            "agi_extension: s",
            "agi_priority: 2",
            "agi_enhanced: 0.0",
            "agi_accountcode: ",
            "agi_threadid: 140035624535744");

    /** Feeds the lines and the ending empty line; the block must end exactly there. */
    private static AgiRequest parse(List<String> lines) throws AgiProtocolException {
        AgiEnvironmentParser parser = new AgiEnvironmentParser(MAX_LINES, MAX_BYTES);
        for (String line : lines) {
            assertFalse(parser.read(line), () -> "block ended early at " + line);
        }
        assertTrue(parser.read(""), "the empty line ends the block");
        return parser.request();
    }

    private static AgiRequest parse(String... lines) throws AgiProtocolException {
        return parse(List.of(lines));
    }

    @Test
    void the_transcripts_block_parses_every_variable_in_order() throws Exception {
        AgiRequest request = parse(TRANSCRIPT_BLOCK);

        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : TRANSCRIPT_BLOCK) {
            int split = line.indexOf(": ");
            expected.put(line.substring(0, split), line.substring(split + 2));
        }
        assertEquals(expected, request.environment());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(request.environment().keySet()));
        assertEquals(22, request.environment().size());
    }

    @Test
    void the_transcripts_block_reads_as_a_request() throws Exception {
        AgiRequest request = parse(TRANSCRIPT_BLOCK);

        assertEquals("probe", request.scriptPath());
        assertEquals(Map.of(), request.parameters());
        assertEquals(List.of(), request.arguments());
        assertEquals("1795315065.6", request.uniqueId());
        assertEquals("Local/s@caller-probe-00000003;1", request.channelName());
        assertEquals("probe", request.context());
        assertEquals("s", request.extension());
        assertEquals("en", request.language());
        assertEquals("agi://127.0.0.1:4573/probe", request.variable("agi_request"));
    }

    @Test
    void an_empty_account_code_is_kept_as_an_empty_value() throws Exception {
        AgiRequest request = parse(TRANSCRIPT_BLOCK);

        assertTrue(request.environment().containsKey("agi_accountcode"));
        assertEquals("", request.environment().get("agi_accountcode"));
    }

    @Test
    void unknown_caller_id_name_and_dialled_number_read_as_empty() throws Exception {
        AgiRequest request = parse(TRANSCRIPT_BLOCK);

        assertEquals("unknown", request.variable("agi_callerid"), "the raw variable is kept as sent");
        assertEquals("", request.callerIdNumber());
        assertEquals("", request.callerIdName());
        assertEquals("", request.dialledNumber());
    }

    @Test
    void a_known_caller_id_is_read_as_sent() throws Exception {
        AgiRequest request = parse("agi_callerid: +41445551234", "agi_calleridname: Zoë Müller",
                "agi_dnid: 5000");

        assertEquals("+41445551234", request.callerIdNumber());
        assertEquals("Zoë Müller", request.callerIdName());
        assertEquals("5000", request.dialledNumber());
    }

    @Test
    void without_a_dnid_the_dialled_number_is_the_extension_the_dialplan_entered_with() throws Exception {
        // A Local channel, or a Goto(afterhours,${EXTEN},1) from the inbound context, as a real Asterisk 22 sends it.
        AgiRequest request = parse("agi_dnid: unknown", "agi_context: afterhours", "agi_extension: +19132016503");

        assertEquals("+19132016503", request.dialledNumber());
        assertEquals("913-201-6503", parse("agi_dnid: unknown", "agi_extension: 913-201-6503").dialledNumber());
    }

    @Test
    void an_extension_that_is_no_number_is_not_taken_for_one() throws Exception {
        assertEquals("", parse("agi_dnid: unknown", "agi_extension: s").dialledNumber());
        assertEquals("", parse("agi_extension: 4573x").dialledNumber());
        assertEquals("5000", parse("agi_dnid: 5000", "agi_extension: s").dialledNumber(), "a DNID wins");
    }

    @Test
    void the_script_query_gives_path_and_repeated_decoded_parameters() throws Exception {
        AgiRequest request = parse("agi_network_script: afterhours?line=main&x=a%20b&x=c");

        assertEquals("afterhours", request.scriptPath());
        assertEquals(Map.of("line", List.of("main"), "x", List.of("a b", "c")), request.parameters());
        assertEquals(Optional.of("main"), request.parameter("line"));
        assertEquals(Optional.of("a b"), request.parameter("x"));
        assertEquals(Optional.empty(), request.parameter("nope"));
    }

    @ParameterizedTest(name = "agi_network_script: {0} -> path {1}")
    @CsvSource(delimiterString = "|", quoteCharacter = '\'', textBlock = """
            afterhours            | afterhours
            /afterhours           | afterhours
            //afterhours          | afterhours
            /afterhours?line=main | afterhours
            lines/main            | lines/main
            ?line=main            | ''
            /                     | ''
            """)
    void the_script_path_loses_leading_slashes_and_the_query(String script, String path) throws Exception {
        assertEquals(path, parse("agi_network_script: " + script).scriptPath());
    }

    @Test
    void without_a_network_script_the_path_is_empty() throws Exception {
        assertEquals("", parse("agi_network: yes").scriptPath());
    }

    @ParameterizedTest(name = "query {0} -> {1}={2}")
    @CsvSource(delimiterString = "|", quoteCharacter = '\'', textBlock = """
            q=100%          | q    | 100%
            q=%zz           | q    | %zz
            q=%4            | q    | %4
            q=50%25         | q    | 50%
            flag            | flag | ''
            """)
    void query_values_are_url_decoded_and_a_bad_escape_keeps_the_text(String query, String name, String value)
            throws Exception {
        assertEquals(Map.of(name, List.of(value)), parse("agi_network_script: s?" + query).parameters());
    }

    @Test
    void dialplan_arguments_come_in_number_order() throws Exception {
        AgiRequest request = parse("agi_network_script: s", "agi_arg_2: second", "agi_arg_1: first",
                "agi_arg_3: third, with comma");

        assertEquals(List.of("first", "second", "third, with comma"), request.arguments());
        assertEquals(Optional.of("first"), request.argument(1));
        assertEquals(Optional.of("third, with comma"), request.argument(3));
        assertEquals(Optional.empty(), request.argument(0));
        assertEquals(Optional.empty(), request.argument(4));
    }

    @Test
    void a_gap_in_the_argument_numbers_ends_the_list() throws Exception {
        AgiRequest request = parse("agi_arg_1: a", "agi_arg_2: b", "agi_arg_4: d");

        assertEquals(List.of("a", "b"), request.arguments());
        assertEquals("d", request.variable("agi_arg_4"), "the stray argument stays in the environment");
    }

    @Test
    void arguments_without_the_first_are_no_arguments() throws Exception {
        assertEquals(List.of(), parse("agi_arg_2: b").arguments());
    }

    @Test
    void a_value_holding_colon_space_splits_at_the_first_only() throws Exception {
        AgiRequest request = parse("agi_calleridname: Smith: John: CEO", "agi_arg_1: key: value");

        assertEquals("Smith: John: CEO", request.callerIdName());
        assertEquals(List.of("key: value"), request.arguments());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"agi_callerid", "agi_callerid:", "agi_callerid:unknown", "callerid: 5000",
            "AGI_CALLERID: 5000", "agi_: x", "agi_caller id: x", "agi_callerid : x", " agi_callerid: x",
            "X-Evil: agi_callerid: x", "200 result=0", "agi_callerid\t5000"})
    void a_malformed_line_is_a_protocol_error(String line) {
        AgiEnvironmentParser parser = new AgiEnvironmentParser(MAX_LINES, MAX_BYTES);
        assertThrows(AgiProtocolException.class, () -> parser.read(line));
    }

    @Test
    void an_empty_first_line_is_a_protocol_error() {
        AgiEnvironmentParser parser = new AgiEnvironmentParser(MAX_LINES, MAX_BYTES);
        assertThrows(AgiProtocolException.class, () -> parser.read(""));
    }

    @Test
    void as_many_lines_as_the_limit_are_accepted() throws Exception {
        AgiEnvironmentParser parser = new AgiEnvironmentParser(3, MAX_BYTES);
        parser.read("agi_a: 1");
        parser.read("agi_b: 2");
        parser.read("agi_c: 3");

        assertTrue(parser.read(""));
        assertEquals(3, parser.request().environment().size());
    }

    @Test
    void more_lines_than_the_limit_are_a_protocol_error() throws Exception {
        AgiEnvironmentParser parser = new AgiEnvironmentParser(3, MAX_BYTES);
        parser.read("agi_a: 1");
        parser.read("agi_b: 2");
        parser.read("agi_c: 3");

        assertThrows(AgiProtocolException.class, () -> parser.read("agi_d: 4"));
    }

    @Test
    void repeated_names_count_as_lines_too() throws Exception {
        // The limit is on lines; res_agi never repeats a name, so a peer that does must not get past it.
        AgiEnvironmentParser parser = new AgiEnvironmentParser(3, MAX_BYTES);
        List<String> accepted = new ArrayList<>();
        AgiProtocolException thrown = null;
        for (int i = 0; i < 10 && thrown == null; i++) {
            try {
                parser.read("agi_callerid: " + i);
                accepted.add("agi_callerid: " + i);
            } catch (AgiProtocolException e) {
                thrown = e;
            }
        }
        assertEquals(3, accepted.size(),
                "a parser limited to 3 lines accepted " + accepted.size() + " lines that repeat one name");
    }

    @Test
    void exactly_the_byte_limit_is_accepted_and_one_byte_more_is_a_protocol_error() throws Exception {
        // Each line counts its length plus its newline: "agi_a: 0123456789ab" is 19 + 1 = 20 bytes.
        AgiEnvironmentParser parser = new AgiEnvironmentParser(MAX_LINES, 20);
        parser.read("agi_a: 0123456789ab");

        assertThrows(AgiProtocolException.class, () -> parser.read("agi_b: c"));
        AgiEnvironmentParser tighter = new AgiEnvironmentParser(MAX_LINES, 19);
        assertThrows(AgiProtocolException.class, () -> tighter.read("agi_a: 0123456789ab"));
    }

    @Test
    void the_byte_limit_counts_utf8_bytes_not_characters() {
        // "agi_calleridname: " + 10 × '☎' is 28 characters but 48 bytes in UTF-8 (the wire's encoding).
        String line = "agi_calleridname: " + "☎".repeat(10);
        int bytesWithNewline = line.getBytes(StandardCharsets.UTF_8).length + 1;
        AgiEnvironmentParser parser = new AgiEnvironmentParser(MAX_LINES, bytesWithNewline - 1);

        assertThrows(AgiProtocolException.class, () -> parser.read(line),
                "a " + bytesWithNewline + "-byte line was accepted under a " + (bytesWithNewline - 1)
                        + "-byte limit (the parser counts UTF-16 characters)");
    }

    @Test
    void the_transcripts_block_fits_limits_of_its_own_size() throws Exception {
        AgiEnvironmentParser parser = new AgiEnvironmentParser(TRANSCRIPT_BLOCK.size(), 2_048);
        for (String line : TRANSCRIPT_BLOCK) {
            parser.read(line);
        }
        assertTrue(parser.read(""));
    }
}
