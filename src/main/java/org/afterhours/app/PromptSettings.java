package org.afterhours.app;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the server learns which prompts rendered for a line or a person exist on Asterisk.
 *
 * @param soundsDirectory Asterisk's sounds folder for the callers' language, listed once at start when it is on this
 *                        host ({@code prompts.sounds-directory})
 * @param declared        prompts declared present by the administrator, for an Asterisk on another host
 *                        ({@code prompts.declared}), e.g. {@code afterhours/lines/main/email}
 */
record PromptSettings(Path soundsDirectory, List<String> declared) {
    static final String SOUNDS_DIRECTORY = "prompts.sounds-directory";
    static final String DECLARED = "prompts.declared";

    PromptSettings {
        declared = List.copyOf(declared);
    }

    static PromptSettings defaults() {
        return new PromptSettings(Path.of("/var/lib/asterisk/sounds/en"), List.of());
    }
}
