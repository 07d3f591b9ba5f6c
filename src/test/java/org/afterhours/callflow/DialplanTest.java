package org.afterhours.callflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the shipped dialplan promises the server and the administrator: read from asterisk-config/ as installed
 * beside an administrator's own extensions.conf, with Asterisk's rules for includes and [globals] (every [globals]
 * block is read in file order, includes where they stand; a later value of a name wins).
 */
@Tag("clock")
class DialplanTest {
    private static final Path CONFIG = Path.of("asterisk-config");
    private static final Pattern INCLUDE = Pattern.compile("#(?:try)?include\\s+\"([^\"]+)\"");

    private static String ours() throws IOException {
        return Files.readString(CONFIG.resolve("extensions.conf"));
    }

    private static String localExample() throws IOException {
        return Files.readString(CONFIG.resolve("extensions_afterhours_local.conf.example"));
    }

    @Test
    void the_administrators_local_settings_win_over_ours_and_over_their_own_globals() throws IOException {
        String adminsOwn = """
                [general]
                static=yes
                [globals]
                AFTERHOURS_AGI=agi://127.0.0.1:7777
                SOMETHING_OF_THEIRS=1
                [default]
                exten => 100,1,Answer()
                #include "extensions_afterhours.conf"
                """;
        String local = """
                [globals]
                AFTERHOURS_AGI=agi://10.0.0.5:7777
                AFTERHOURS_FALLBACK_MAILBOX=200@support
                """;
        Map<String, String> files = Map.of("extensions.conf", adminsOwn,
                "extensions_afterhours.conf", ours(), "extensions_afterhours_local.conf", local);

        Map<String, String> globals = globals("extensions.conf", files);

        assertEquals("agi://10.0.0.5:7777", globals.get("AFTERHOURS_AGI"));
        assertEquals("200@support", globals.get("AFTERHOURS_FALLBACK_MAILBOX"));
        assertEquals("1", globals.get("SOMETHING_OF_THEIRS"));
    }

    @Test
    void without_a_local_file_our_defaults_apply() throws IOException {
        Map<String, String> globals = globals("extensions_afterhours.conf",
                Map.of("extensions_afterhours.conf", ours()));

        assertEquals("agi://127.0.0.1:4573", globals.get("AFTERHOURS_AGI"));
        assertTrue(ours().contains("#tryinclude \"extensions_afterhours_local.conf\""),
                "a missing local file must not be an error on a fresh install");
    }

    @Test
    void every_setting_the_local_example_offers_is_one_our_dialplan_reads() throws IOException {
        Map<String, String> ours = globals("extensions_afterhours.conf", Map.of("extensions_afterhours.conf", ours()));
        Matcher offered = Pattern.compile("(?m)^;(AFTERHOURS_[A-Z0-9_]+)=").matcher(localExample());
        int count = 0;
        while (offered.find()) {
            count++;
            assertTrue(ours.containsKey(offered.group(1)), offered.group(1) + " is not one of our globals");
        }
        assertEquals(ours.keySet().stream().filter(k -> k.startsWith("AFTERHOURS_")).count(), count,
                "the example offers every setting");
    }

    @Test
    void a_message_the_server_could_not_record_goes_to_the_dialplans_voicemail_box() throws IOException {
        String afterhours = context(ours(), "afterhours");
        long agiRuns = afterhours.lines().filter(l -> l.contains("AGI(") && l.contains("/afterhours?")).count();
        String branch = "GotoIf($[\"${AFTERHOURS_STATUS}\" = \"" + VoicemailBox.DIALPLAN_VOICEMAIL + "\"]?voicemail)";

        assertEquals(agiRuns, afterhours.lines().filter(l -> l.contains(branch)).count(),
                "after each node's AGI: " + branch);
        assertTrue(afterhours.contains("n(voicemail),VoiceMail(${AFTERHOURS_FALLBACK_MAILBOX}"));
    }

    /** The text of one context, up to the next section. */
    private static String context(String dialplan, String name) {
        int start = dialplan.indexOf("\n[" + name + "]");
        int end = dialplan.indexOf("\n[", start + 1);
        return dialplan.substring(start, end < 0 ? dialplan.length() : end);
    }

    private static Map<String, String> globals(String file, Map<String, String> files) {
        Map<String, String> globals = new LinkedHashMap<>();
        read(file, files, globals, new String[] {""});
        return globals;
    }

    private static void read(String file, Map<String, String> files, Map<String, String> globals, String[] section) {
        String text = files.get(file);
        if (text == null) {
            return; // #tryinclude of a missing file: nothing
        }
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            Matcher include = INCLUDE.matcher(line);
            if (include.matches()) {
                read(include.group(1), files, globals, section);
                continue;
            }
            int comment = line.indexOf(';');
            line = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (line.startsWith("[")) {
                section[0] = line.substring(1, line.indexOf(']'));
            } else if (section[0].equals("globals") && line.contains("=")) {
                globals.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
    }
}
