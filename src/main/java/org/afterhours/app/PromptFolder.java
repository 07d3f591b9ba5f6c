package org.afterhours.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.afterhours.callflow.OptionalPrompts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, once at start, the prompts rendered for lines and people: those in Asterisk's sounds folder when it is on
 * this host, plus those the configuration declares. Asterisk is then asked for those only.
 */
final class PromptFolder {
    private static final Logger log = LoggerFactory.getLogger(PromptFolder.class);
    /** lines/<id>/<what>.<format> and people/<id>/name.<format>, below the sounds folder. */
    private static final int DEPTH = 4;

    private PromptFolder() {
    }

    static OptionalPrompts optionalPrompts(PromptSettings settings) {
        List<String> found = listed(settings.soundsDirectory());
        TreeSet<String> present = new TreeSet<>(found);
        present.addAll(settings.declared());
        log.info("prompts rendered for lines and people: {} found in {}, {} declared{}", found.size(),
                settings.soundsDirectory(), settings.declared().size(),
                present.isEmpty() ? " (addresses are spelled, names left out)" : ": " + String.join(", ", present));
        return OptionalPrompts.of(present);
    }

    /** Prompt names (no extension) below the optional folders; none when the folder is not on this host. */
    static List<String> listed(Path soundsDirectory) {
        List<String> names = new ArrayList<>();
        for (String folder : List.of(OptionalPrompts.LINES_FOLDER, OptionalPrompts.PEOPLE_FOLDER)) {
            Path root = soundsDirectory.resolve(folder);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root, DEPTH)) {
                files.filter(Files::isRegularFile).map(file -> name(soundsDirectory, file)).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        return names.stream().distinct().sorted().toList();
    }

    /** afterhours/lines/main/email.wav (or .gsm, .ulaw...) is played as afterhours/lines/main/email. */
    private static String name(Path soundsDirectory, Path file) {
        String relative = soundsDirectory.relativize(file).toString().replace('\\', '/');
        int dot = relative.lastIndexOf('.');
        return dot > relative.lastIndexOf('/') ? relative.substring(0, dot) : relative;
    }
}
