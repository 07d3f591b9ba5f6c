package org.afterhours.dialout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.afterhours.callflow.ScreeningScript;
import org.afterhours.escalation.Dialer;
import org.afterhours.escalation.EmergencyDesk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dialplan contract of a screened leg, checked against the dialplan we ship: what the server puts on an
 * Originate must be what {@code [afterhours-screen]} in {@code asterisk-config/extensions.conf} reads.
 */
class ScreeningDialplanTest {
    private static final Path EXTENSIONS = Path.of(System.getProperty("basedir", "."), "asterisk-config",
            "extensions.conf");
    private static final ScreeningDialplan DIALPLAN = new ScreeningDialplan(ScreeningDialplan.DEFAULT_CONTEXT,
            () -> "agi://10.0.0.12:4573");

    /** The lines of one context, comments and blank lines left out. */
    private static List<String> context(String name) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(EXTENSIONS)) {
            String text = line.replaceFirst("\\s*;.*$", "").strip();
            if (text.startsWith("[")) {
                inside = text.equals("[" + name + "]");
            } else if (inside && !text.isEmpty()) {
                lines.add(text);
            }
        }
        assertFalse(lines.isEmpty(), "extensions.conf has a context [" + name + "]");
        return lines;
    }

    private static String joined(String name) throws IOException {
        return String.join("\n", context(name));
    }

    @Test
    void the_default_context_is_the_one_the_dialplan_defines_and_the_sample_configuration_names() throws Exception {
        assertTrue(context(ScreeningDialplan.DEFAULT_CONTEXT).getFirst()
                .startsWith("exten => " + ScreeningDialplan.EXTENSION + ",1,"));
        Properties sample = new Properties();
        try (var in = Files.newBufferedReader(Path.of(System.getProperty("basedir", "."), "config",
                "afterhours.properties"))) {
            sample.load(in);
        }
        assertEquals(ScreeningDialplan.DEFAULT_CONTEXT, sample.getProperty("escalation.screen-context").strip());
    }

    @Test
    void the_screening_runs_on_the_node_the_leg_names_with_the_legs_own_variables() throws Exception {
        String screen = joined(ScreeningDialplan.DEFAULT_CONTEXT);
        String agi = context(ScreeningDialplan.DEFAULT_CONTEXT).stream().filter(l -> l.contains("AGI("))
                .findFirst().orElseThrow();

        assertTrue(agi.contains("AGI(${" + ScreeningDialplan.NODE + "}/" + ScreeningScript.PATH + "?"), agi);
        assertTrue(agi.contains("ref=${FILTER(0-9,${" + ScreeningDialplan.REFERENCE + "})}"), agi);
        assertTrue(agi.contains("role=${FILTER(a-z,${" + ScreeningDialplan.ROLE + "})}"), agi);
        assertTrue(agi.contains("attempt=${FILTER(-0-9A-Za-z,${" + ScreeningDialplan.ATTEMPT + "})}"), agi);
        // Without the variable (a leg from an older server) the first node screens, as before.
        assertTrue(screen.contains("GotoIf($[\"${" + ScreeningDialplan.NODE + "}\" != \"\"]?screen)"), screen);
    }

    @Test
    void every_variable_the_server_sets_is_one_the_dialplan_reads() throws Exception {
        String screen = joined(ScreeningDialplan.DEFAULT_CONTEXT);
        Map<String, String> variables = DIALPLAN.variables(new Dialer.LegRequest("4815162-m2", "4815162",
                EmergencyDesk.LegRole.MANAGER, "PJSIP/sam", "Afterhours 4815162", "", Duration.ofSeconds(30)));

        for (String name : variables.keySet()) {
            assertTrue(screen.contains("${" + name + "}"), name + " is read by [afterhours-screen]");
        }
        assertEquals(Map.of("AFTERHOURS_REF", "4815162", "AFTERHOURS_ROLE", "manager",
                "AFTERHOURS_ATTEMPT", "4815162-m2", "AFTERHOURS_NODE", "agi://10.0.0.12:4573"), variables);
    }

    @Test
    void each_role_a_leg_can_have_is_an_extension_of_the_bridge() throws Exception {
        List<String> bridge = context("afterhours-bridge");
        for (EmergencyDesk.LegRole role : List.of(EmergencyDesk.LegRole.TECHNICIAN, EmergencyDesk.LegRole.MANAGER)) {
            String extension = role.name().toLowerCase(Locale.ROOT);
            assertTrue(bridge.stream().anyMatch(l -> l.startsWith("exten => " + extension + ",1,")), extension);
        }
    }

    @Test
    void a_message_leg_runs_the_message_script_on_its_node_with_the_variables_the_dialplan_reads() throws Exception {
        Dialer.LegRequest message = new Dialer.LegRequest("4815162-n1-x", "4815162", EmergencyDesk.LegRole.MESSAGE,
                "PJSIP/alice", "Afterhours message 4815162", "", Duration.ofSeconds(30));
        assertEquals(ScreeningDialplan.MESSAGE_CONTEXT, DIALPLAN.context(message));
        String context = joined(ScreeningDialplan.MESSAGE_CONTEXT);
        assertTrue(context.contains("AGI(${AFTERHOURS_NODE}/message?"), context);
        for (String name : List.of("AFTERHOURS_REF", "AFTERHOURS_ATTEMPT", "AFTERHOURS_NODE")) {
            assertTrue(context.contains("${" + name + "}"), name + " is read by [afterhours-message]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"agi://10.0.0.11:4573", "agi://afterhours-2.example.net:4573", "agi://[::1]:4573",
            "agi://127.0.0.1"})
    void node_urls_the_dialplan_can_use_as_they_are(String url) {
        assertTrue(ScreeningDialplan.isNodeUrl(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.11:4573", "http://10.0.0.11:4573", "agi://10.0.0.11:4573,1",
            "agi://host:4573/screen", "agi://host name:4573", "agi://${AFTERHOURS_AGI}"})
    void anything_else_is_not_a_node_url(String url) {
        assertFalse(ScreeningDialplan.isNodeUrl(url));
    }

    @Test
    void a_leg_is_never_placed_without_its_node() {
        ScreeningDialplan unknown = new ScreeningDialplan(ScreeningDialplan.DEFAULT_CONTEXT, () -> "");
        assertThrows(IllegalStateException.class, () -> unknown.variables(new Dialer.LegRequest("1-1", "1",
                EmergencyDesk.LegRole.TECHNICIAN, "PJSIP/alice", "", "", Duration.ofSeconds(5))));
    }
}
