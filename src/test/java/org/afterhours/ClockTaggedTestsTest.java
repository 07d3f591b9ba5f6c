package org.afterhours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CI runs the suite once, then runs the tests tagged {@value #TAG} again with the machine's clock and zone moved to
 * six instants (.ci/moved-clocks). That protection holds only if every test that touches time carries the tag, so
 * this test finds them: a test class touches time when
 * <ul>
 * <li>it reads the clock or the zone itself ({@code Clock}, {@code Instant.now()}, {@code LocalDate.now()},
 * {@code System.currentTimeMillis()}, {@code ZoneId.systemDefault()}, ...), or</li>
 * <li>it uses a test fixture that does (followed through fixtures of fixtures), or</li>
 * <li>it lives in a package whose product code applies the time rules: the rule book ({@code oncall}), the
 * escalation plans, the call flows, the after-the-call clocks ({@code followup}), the console, and the end-to-end
 * tests of the whole server ({@code app}).</li>
 * </ul>
 * Comments and string literals are not read: a test that only names a clock in a message does not touch one.
 */
@DisplayName("Every test that touches time is tagged \"clock\", so the moved-clock passes of CI run it")
class ClockTaggedTestsTest {
    static final String TAG = "clock";
    private static final Path TESTS = Path.of("src", "test", "java", "org", "afterhours");
    private static final Set<String> TIME_PACKAGES = Set.of("app", "callflow", "console", "escalation", "followup",
            "oncall");
    private static final Pattern READS_TIME = Pattern.compile("\\bClock\\b|\\b(Instant|LocalDate|LocalDateTime|"
            + "LocalTime|ZonedDateTime|OffsetDateTime|OffsetTime|Year|YearMonth|MonthDay)\\s*\\.\\s*now\\s*\\("
            + "|\\bSystem\\s*\\.\\s*currentTimeMillis\\b|\\bZoneId\\s*\\.\\s*systemDefault\\b"
            + "|\\bTimeZone\\s*\\.\\s*getDefault\\b|\\bnew\\s+Date\\s*\\(\\s*\\)");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'",
            Pattern.DOTALL);
    private static final Pattern TEST_METHOD = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory)\\b");
    private static final Pattern TAGGED = Pattern.compile("@Tag\\(\\s*\"" + TAG + "\"\\s*\\)");

    @Test
    void every_test_class_that_touches_time_is_tagged_clock() throws IOException {
        Map<Path, String> sources = readTestSources();
        Set<String> untagged = new TreeSet<>();
        for (Path file : touchingTime(sources)) {
            String source = sources.get(file);
            if (TEST_METHOD.matcher(source).find() && !TAGGED.matcher(source).find()) {
                untagged.add(TESTS.relativize(file).toString());
            }
        }
        assertEquals(Set.of(), untagged, "these tests touch time but are not tagged @Tag(\"" + TAG + "\"), so the "
                + "moved-clock passes of CI (.ci/moved-clocks) would never run them: tag them");
    }

    @Test
    void reading_the_clock_or_the_zone_is_seen_in_code_but_not_in_comments_or_strings() {
        assertTrue(readsTime("var today = LocalDate.now();"));
        assertTrue(readsTime("long t = System.currentTimeMillis();"));
        assertTrue(readsTime("Clock clock = Clock.systemUTC();"));
        assertTrue(readsTime("ZoneId here = ZoneId.systemDefault();"));
        assertTrue(readsTime("Instant at = Instant .now ();"));
        assertFalse(readsTime("Instant at = Instant.parse(\"2031-01-07T08:20:00Z\");"));
        assertFalse(readsTime("// Instant.now() would make this depend on the day"));
        assertFalse(readsTime("fail(\"uses Clock.systemUTC()\");"));
        assertFalse(readsTime("ClockTicker ticker; Clocks clocks;"));
    }

    @Test
    void a_test_that_uses_a_fixture_that_reads_the_clock_touches_time_too() {
        Path fixture = TESTS.resolve("db").resolve("NightFixture.java");
        Path test = TESTS.resolve("db").resolve("NightTest.java");
        Path other = TESTS.resolve("db").resolve("PlainTest.java");
        Map<Path, String> sources = Map.of(
                fixture, "class NightFixture { Clock clock = Clock.systemUTC(); }",
                test, "class NightTest { NightFixture f = new NightFixture(); @Test void t() {} }",
                other, "class PlainTest { @Test void t() { assertEquals(2, 1 + 1); } }");
        assertEquals(Set.of(fixture, test), touchingTime(sources));
    }

    @Test
    void every_test_of_a_package_that_applies_the_time_rules_touches_time() {
        Path test = TESTS.resolve("console").resolve("PlainPageTest.java");
        assertEquals(Set.of(test), touchingTime(Map.of(test, "class PlainPageTest { @Test void t() {} }")));
    }

    private static boolean readsTime(String source) {
        return READS_TIME.matcher(code(source)).find();
    }

    /** The files that touch time: directly, by package, then through the fixtures they use until nothing changes. */
    static Set<Path> touchingTime(Map<Path, String> sources) {
        Map<Path, String> code = new HashMap<>();
        sources.forEach((file, source) -> code.put(file, code(source)));
        Set<Path> touching = new HashSet<>();
        code.forEach((file, text) -> {
            if (READS_TIME.matcher(text).find() || TIME_PACKAGES.contains(packageOf(file))) {
                touching.add(file);
            }
        });
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var entry : code.entrySet()) {
                if (!touching.contains(entry.getKey()) && usesAnyOf(entry.getValue(), touching, entry.getKey())) {
                    touching.add(entry.getKey());
                    grew = true;
                }
            }
        }
        return touching;
    }

    private static boolean usesAnyOf(String code, Set<Path> classes, Path self) {
        for (Path file : classes) {
            if (!file.equals(self) && Pattern.compile("\\b" + simpleName(file) + "\\b").matcher(code).find()) {
                return true;
            }
        }
        return false;
    }

    private static String code(String source) {
        return COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ");
    }

    private static String simpleName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    /** The first folder under org/afterhours, or "" for the root package. */
    private static String packageOf(Path file) {
        Path relative = TESTS.relativize(file);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }

    private static Map<Path, String> readTestSources() throws IOException {
        Map<Path, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!file.getFileName().toString().equals("ClockTaggedTestsTest.java")) {
                    sources.put(file, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return sources;
    }
}
