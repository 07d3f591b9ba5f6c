package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which prompts rendered for lines and people the server will ask Asterisk for. */
@Tag("clock")
class PromptFolderTest {
    @TempDir
    Path sounds;

    @Test
    void the_sounds_folder_is_listed_for_line_and_person_prompts_in_any_format() throws Exception {
        touch("afterhours/lines/main/email.wav");
        touch("afterhours/lines/main/email.gsm");
        touch("afterhours/people/alice/name.ulaw");
        touch("afterhours/welcome.wav"); // shipped: always there, not listed

        assertEquals(List.of("afterhours/lines/main/email", "afterhours/people/alice/name"),
                PromptFolder.listed(sounds));
    }

    @Test
    void a_sounds_folder_on_another_host_lists_nothing_and_declared_prompts_count() {
        var prompts = PromptFolder.optionalPrompts(new PromptSettings(sounds.resolve("absent"),
                List.of("afterhours/lines/main/portal")));

        assertEquals("afterhours/lines/main/portal", prompts.toString());
    }

    @Test
    void a_declared_prompt_outside_the_line_and_person_folders_is_a_configuration_error() {
        ConfigException e = assertThrows(ConfigException.class, () -> AfterhoursConfig.load(null,
                Map.of("AFTERHOURS_PROMPTS_DECLARED", "afterhours/lines/main/email, ../../etc/passwd")));
        assertTrue(e.getMessage().startsWith("prompts.declared: each must be a prompt rendered for a line"),
                e.getMessage());
        assertEquals(List.of("afterhours/lines/main/email"), AfterhoursConfig.load(null,
                Map.of("AFTERHOURS_PROMPTS_DECLARED", "afterhours/lines/main/email")).prompts().declared());
    }

    private void touch(String name) throws Exception {
        Path file = sounds.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {0});
    }
}
