package org.afterhours.agi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.afterhours.simulator.ResAgiArguments;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Injection specifications for the one quoting function. Every hostile text is built into a real command line and
 * then read back the way Asterisk reads it: res_agi's {@code parse_args} (modelled by {@link ResAgiArguments}) for
 * the command's words and, for EXEC, {@code __ast_app_separate_args} (modelled by {@link AppArgumentSplitter}) for
 * the application's arguments.
 */
@DisplayName("AgiQuoting: caller-supplied text stays exactly one argument")
class AgiQuotingTest {

    /** Texts a caller (caller ID name, a URL parameter, a dialplan argument) could smuggle in. */
    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                Arguments.of("double quote", "say \"hi\" there"),
                Arguments.of("lone quote closing the argument", "abc\" HANGUP"),
                Arguments.of("backslash", "C:\\temp\\"),
                Arguments.of("trailing backslash escaping the closing quote", "abc\\"),
                Arguments.of("backslash then quote", "\\\" NOOP"),
                Arguments.of("CR", "before\rafter"),
                Arguments.of("LF and a second command", "x\nHANGUP"),
                Arguments.of("CRLF and a second command", "x\r\nHANGUP"),
                Arguments.of("quote, LF and a second command", "x\"\nEXEC System \"rm -rf /\""),
                Arguments.of("NUL", "a\0b"),
                Arguments.of("other control characters (tab, ESC, DEL, NEL)", "a\tb\u001bc\u007fd\u0085e"),
                Arguments.of("comma", "Local/s@tech,6,U(hijack)"),
                Arguments.of("parentheses", "f(x)(y"),
                Arguments.of("brackets", "a[b]]c["),
                Arguments.of("variable expression", "${SHELL(rm -rf /)}"),
                Arguments.of("arithmetic expression", "$[1+1]"),
                Arguments.of("pipe", "a|b|c"),
                Arguments.of("spaces only", "   "),
                Arguments.of("empty", ""),
                Arguments.of("unicode and emoji", "Zoë Ångström ☎ 📞 \u2028 日本"),
                Arguments.of("2,000 hostile characters", longHostileText()));
    }

    private static String longHostileText() {
        String unit = "a\"b\\c,d(e)[f]${g}\r\nHANGUP ";
        StringBuilder text = new StringBuilder();
        while (text.length() < 2_000) {
            text.append(unit);
        }
        return text.substring(0, 2_000);
    }

    /** What must come out on the other side: the text, minus the control characters we drop. */
    static String withoutControlCharacters(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /**
     * What an application must receive for a caller-supplied EXEC argument: no control characters, and no '$' left
     * directly before '{' or '[' (with AGIEXECFULL set Asterisk would evaluate "${...}" / "$[...]"). A run of '$'
     * before '{' is removed whole: removing only the last one would leave "${" again.
     */
    static String neutralisedApplicationArgument(String text) {
        return withoutControlCharacters(text).replaceAll("\\$+(?=[{\\[])", "");
    }

    private static void assertSingleLine(String line) {
        assertFalse(line.contains("\r"), () -> "CR in " + visible(line));
        assertFalse(line.contains("\n"), () -> "LF in " + visible(line));
        assertFalse(line.contains("\0"), () -> "NUL in " + visible(line));
    }

    static String visible(String text) {
        String shown = text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0")
                .replace("\t", "\\t");
        return "\"" + (shown.length() > 160 ? shown.substring(0, 160) + "..." : shown) + "\"";
    }

    @Nested
    @DisplayName("quote(): golden strings")
    class Golden {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiterString = "|", quoteCharacter = '\'', textBlock = """
                hello-world    | "hello-world"
                bar baz        | "bar baz"
                a"b\\c,d       | "a\\"b\\\\c,d"
                ''             | ""
                ${CALLERID(num)} | "${CALLERID(num)}"
                """)
        void wraps_in_quotes_and_escapes_backslash_and_quote(String text, String quoted) {
            assertEquals(quoted, AgiQuoting.quote(text));
        }

        @Test
        void control_characters_are_dropped_not_escaped() {
            assertEquals("\"ab cd\"", AgiQuoting.quote("a\r\nb \0c\td"));
        }

        @Test
        void the_transcripts_escaped_set_variable_is_what_quote_builds() {
            // SET VARIABLE QQ "a\"b\\c,d" answered 200 result=1 and GET VARIABLE QQ gave back (a"b\c,d).
            assertEquals("\"a\\\"b\\\\c,d\"", AgiQuoting.quote("a\"b\\c,d"));
        }
    }

    @Nested
    @DisplayName("SET VARIABLE / STREAM FILE / VERBOSE: one line, fixed word count, value intact")
    class TextCommands {
        static Stream<Arguments> commandsForEachHostileInput() {
            List<Arguments> rows = new ArrayList<>();
            hostileInputs().forEach(input -> {
                String name = (String) input.get()[0];
                String text = (String) input.get()[1];
                rows.add(Arguments.of("SET VARIABLE", name, text));
                rows.add(Arguments.of("STREAM FILE", name, text));
                rows.add(Arguments.of("VERBOSE", name, text));
            });
            return rows.stream();
        }

        /** Builds the command with {@code text} in its text slot; returns the line and where the text must land. */
        private static Built build(String verb, String text) {
            return switch (verb) {
                case "SET VARIABLE" -> new Built(AgiCommands.setVariable("CALLER", text).line(), 4, 3);
                case "STREAM FILE" -> new Built(AgiCommands.streamFile(text, "").line(), 4, 2);
                case "VERBOSE" -> new Built(AgiCommands.verbose(text, 1).line(), 3, 1);
                default -> throw new IllegalArgumentException(verb);
            };
        }

        record Built(String line, int words, int valueIndex) {
        }

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("commandsForEachHostileInput")
        void the_built_line_never_contains_a_line_break(String verb, String inputName, String text) {
            assertSingleLine(build(verb, text).line());
        }

        @ParameterizedTest(name = "{0} with {1}")
        @MethodSource("commandsForEachHostileInput")
        void asterisk_reads_exactly_the_expected_words_and_the_value_minus_control_characters(
                String verb, String inputName, String text) {
            Built built = build(verb, text);
            List<String> words = ResAgiArguments.parse(built.line());

            assertEquals(built.words(), words.size(), () -> "words of " + visible(built.line()) + ": " + words);
            assertEquals(withoutControlCharacters(text), words.get(built.valueIndex()));
        }

        @Test
        void a_few_thousand_random_hostile_values_each_stay_one_word() {
            Random random = new Random(20261122L);
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                String text = RandomText.next(random, 60);
                for (String verb : List.of("SET VARIABLE", "STREAM FILE", "VERBOSE")) {
                    Built built = build(verb, text);
                    List<String> words = ResAgiArguments.parse(built.line());
                    boolean oneLine = built.line().chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
                    if (!oneLine || words.size() != built.words()
                            || !withoutControlCharacters(text).equals(words.get(built.valueIndex()))) {
                        failures.add(verb + " " + visible(text) + " -> " + words);
                    }
                }
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " failures, e.g. " + shortest(failures));
        }
    }

    @Nested
    @DisplayName("the test's model of Asterisk's application argument split")
    class SplitterModel {
        static Stream<Arguments> splits() {
            return Stream.of(
                    Arguments.of("", List.of()),
                    Arguments.of("a", List.of("a")),
                    Arguments.of("a,b", List.of("a", "b")),
                    Arguments.of("a,", List.of("a", "")),
                    Arguments.of(",", List.of("", "")),
                    Arguments.of("a\\,b", List.of("a,b")),
                    Arguments.of("a\\\\,b", List.of("a\\", "b")),
                    Arguments.of("\"a,b\",c", List.of("a,b", "c")),
                    Arguments.of("f(a,b),c", List.of("f(a,b)", "c")),
                    Arguments.of("[a,b],c", List.of("[a,b]", "c")),
                    Arguments.of("a\\(,b", List.of("a(", "b")),
                    Arguments.of("a),b", List.of("a)", "b")),
                    Arguments.of("(a,b", List.of("(a,b")),
                    Arguments.of("a,\"\"", List.of("a", "", "")), // Asterisk's quirk: a removed quote after ','
                    Arguments.of("Local/s@tech-sim,6", List.of("Local/s@tech-sim", "6")));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @MethodSource("splits")
        void splits_like_ast_app_separate_args_with_remove_chars(String data, List<String> expected) {
            assertEquals(expected, AppArgumentSplitter.split(data));
        }
    }

    @Nested
    @DisplayName("EXEC: N caller-supplied arguments reach the application as exactly N arguments")
    class Exec {

        /** The application's arguments as Asterisk would hand them over, checking each step on the way. */
        private static List<String> throughAsterisk(List<String> arguments) {
            String line = AgiCommands.exec("Dial", arguments).line();
            assertSingleLine(line);
            List<String> words = ResAgiArguments.parse(line);
            assertEquals(3, words.size(), () -> "EXEC words of " + visible(line) + ": " + words);
            assertEquals(List.of("EXEC", "Dial"), words.subList(0, 2));
            return AppArgumentSplitter.split(words.get(2));
        }

        /** With AGIEXECFULL set, res_agi runs variable substitution on EXEC's data word before the application. */
        private static String dataWord(List<String> arguments) {
            return ResAgiArguments.parse(AgiCommands.exec("Dial", arguments).line()).get(2);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.afterhours.agi.codec.AgiQuotingTest#hostileInputs")
        void a_hostile_argument_between_two_others_stays_one_argument(String inputName, String text) {
            List<String> received = throughAsterisk(List.of("Local/s@tech", text, "U(screen)"));

            assertEquals(List.of("Local/s@tech", neutralisedApplicationArgument(text), "U(screen)"), received);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.afterhours.agi.codec.AgiQuotingTest#hostileInputs")
        void a_hostile_last_argument_stays_one_argument(String inputName, String text) {
            assertEquals(List.of("Local/s@tech", neutralisedApplicationArgument(text)),
                    throughAsterisk(List.of("Local/s@tech", text)));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiterString = "|", quoteCharacter = '\'', textBlock = """
                ${SHELL(rm -rf /)}       | {SHELL(rm -rf /)}
                $[1+1]                   | [1+1]
                price $5 {not a var}     | price $5 {not a var}
                $$${CALLERID(num)}       | {CALLERID(num)}
                $$[1+1]                  | [1+1]
                """)
        void a_dollar_before_a_brace_or_bracket_is_dropped_so_AGIEXECFULL_cannot_evaluate_it(
                String text, String expected) {
            String data = dataWord(List.of(text));
            assertFalse(data.contains("${") || data.contains("$["),
                    () -> "EXEC data word " + visible(data) + " would be evaluated with AGIEXECFULL=yes");
            assertEquals(List.of(expected), throughAsterisk(List.of(text)));
        }

        @Test
        void a_control_character_between_dollar_and_brace_does_not_rebuild_an_expression() {
            // Dropping the LF after the '$' check turns "$\n{X}" into "${X}" on the wire.
            String data = dataWord(List.of("$\n{CALLERID(num)}"));

            assertFalse(data.contains("${"),
                    () -> "EXEC data word " + visible(data) + " would be evaluated with AGIEXECFULL=yes");
            assertEquals(List.of("{CALLERID(num)}"), throughAsterisk(List.of("$\n{CALLERID(num)}")));
        }

        @ParameterizedTest(name = "{0} arguments")
        @CsvSource({"0", "1", "2", "5"})
        void plain_arguments_arrive_unchanged(int count) {
            List<String> arguments = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                arguments.add("arg" + i);
            }
            assertEquals(arguments, throughAsterisk(arguments));
        }

        @Test
        void empty_arguments_between_others_are_kept() {
            assertEquals(List.of("", "x", ""), throughAsterisk(List.of("", "x", "")));
        }

        @Test
        void a_single_empty_argument_reaches_the_application_as_one_empty_argument() {
            // EXEC App "" hands the application an empty data string, which it splits into zero arguments.
            // Asterisk can carry one empty argument (data '""' splits to [""]), so 1 in must be 1 out.
            List<String> received = throughAsterisk(List.of(""));

            assertEquals(1, received.size(), "a caller-supplied empty argument vanished: the application saw "
                    + received.size() + " arguments " + received.stream().map(AgiQuotingTest::visible).toList());
            assertEquals("", received.getFirst());
        }

        /** Argument lists from a fixed seed: the same few thousand every run. */
        private static List<List<String>> randomArgumentLists() {
            Random random = new Random(4815162342L);
            List<List<String>> lists = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                int count = random.nextInt(5);
                List<String> arguments = new ArrayList<>();
                for (int a = 0; a < count; a++) {
                    arguments.add(RandomText.next(random, 24));
                }
                lists.add(arguments);
            }
            return lists;
        }

        private static String show(List<String> arguments) {
            return arguments.stream().map(AgiQuotingTest::visible).toList().toString();
        }

        @Test
        void a_few_thousand_random_argument_lists_arrive_as_exactly_n_arguments_equal_to_the_inputs() {
            List<String> failures = new ArrayList<>();
            for (List<String> arguments : randomArgumentLists()) {
                List<String> expected = arguments.stream().map(AgiQuotingTest::neutralisedApplicationArgument)
                        .toList();
                if (expected.equals(List.of(""))) {
                    continue; // one empty argument: specified on its own above
                }
                String line = AgiCommands.exec("Dial", arguments).line();
                List<String> words = ResAgiArguments.parse(line);
                String problem = null;
                if (line.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    problem = "line break in the command line";
                } else if (words.size() != 3) {
                    problem = "EXEC has " + words.size() + " words";
                } else {
                    List<String> received = AppArgumentSplitter.split(words.get(2));
                    if (received.size() != expected.size()) {
                        problem = "application got " + received.size() + " arguments " + show(received);
                    } else if (!received.equals(expected)) {
                        problem = "application got " + show(received) + ", expected " + show(expected);
                    }
                }
                if (problem != null) {
                    failures.add(show(arguments) + ": " + problem);
                }
            }
            assertTrue(failures.isEmpty(),
                    () -> failures.size() + " of 4000 argument lists did not arrive intact, shortest: "
                            + shortest(failures));
        }

        @Test
        void a_few_thousand_random_argument_lists_never_put_an_expression_in_the_exec_data() {
            // With AGIEXECFULL=yes res_agi substitutes variables in EXEC's data word before the application runs.
            List<String> failures = new ArrayList<>();
            for (List<String> arguments : randomArgumentLists()) {
                String data = dataWord(arguments);
                if (data.contains("${") || data.contains("$[")) {
                    failures.add(show(arguments) + " -> data word " + visible(data));
                }
            }
            assertTrue(failures.isEmpty(),
                    () -> failures.size() + " of 4000 argument lists put an expression Asterisk would evaluate "
                            + "into EXEC's data, shortest: " + shortest(failures));
        }
    }

    /** Pseudo-random text over an alphabet heavy in the characters that matter to Asterisk's parsers. */
    static final class RandomText {
        private static final String[] ALPHABET = {
                "\\", "\\", "\"", "\"", ",", ",", "(", ")", "[", "]", "$", "$", "{", "}", " ", " ", "\r", "\n",
                "|", "\t", "\0", "a", "b", "1", "é", "📞"};

        static String next(Random random, int maxLength) {
            int length = random.nextInt(maxLength + 1);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            return text.toString();
        }
    }

    private static List<String> shortest(List<String> failures) {
        return failures.stream().sorted(Comparator.comparingInt(String::length)).limit(5).toList();
    }
}
