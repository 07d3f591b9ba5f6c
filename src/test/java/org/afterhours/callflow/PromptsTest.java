package org.afterhours.callflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every prompt the flow plays has a text in prompts.txt and audio Asterisk can play, and nothing is left over. */
@Tag("clock")
class PromptsTest {
    private static final Path SOUNDS = Path.of("asterisk-config/sounds");

    private static Set<String> playedByTheFlow() {
        return Arrays.stream(Prompts.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(PromptsTest::value).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> written() throws IOException {
        return Files.readAllLines(SOUNDS.resolve("prompts.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.substring(0, l.indexOf('|')).trim())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void the_flow_and_prompts_txt_name_the_same_prompts() throws IOException {
        assertEquals(written(), playedByTheFlow());
    }

    @Test
    void every_prompt_has_8khz_mono_audio_checked_in() throws IOException {
        for (String prompt : written()) {
            Path wav = SOUNDS.resolve("en").resolve(prompt + ".wav");
            assertTrue(Files.isRegularFile(wav), "no audio for " + prompt);
            byte[] header = Arrays.copyOf(Files.readAllBytes(wav), 44);
            assertEquals("RIFF", new String(header, 0, 4), prompt);
            assertEquals(1, header[22], prompt + ": mono");
            int rate = (header[24] & 0xff) | (header[25] & 0xff) << 8 | (header[26] & 0xff) << 16;
            assertEquals(8000, rate, prompt + ": 8 kHz");
        }
    }

    private static String value(Field field) {
        try {
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
