package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's start-up warning about the recording folder, on a file system laid out in a test folder. */
@Tag("clock")
class RecordingFolderCheckTest {
    private static final String FOLDER = "/var/spool/asterisk/afterhours";

    @TempDir
    Path root;

    @Test
    void a_missing_folder_on_the_host_where_asterisk_runs_is_a_warning_that_says_how_to_create_it() throws Exception {
        Files.createDirectories(root.resolve("etc/asterisk"));

        List<String> warnings = RecordingFolderCheck.warnings(root, List.of(FOLDER));

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("recording folder " + FOLDER + " does not exist"), warnings.get(0));
        assertTrue(warnings.get(0).contains("install -d -o \"$(ps -o user= -C asterisk | head -1)\" " + FOLDER));
    }

    @Test
    void an_existing_folder_is_no_warning() throws Exception {
        Files.createDirectories(root.resolve("etc/asterisk"));
        Files.createDirectories(root.resolve(FOLDER.substring(1)));

        assertEquals(List.of(), RecordingFolderCheck.warnings(root, List.of(FOLDER)));
    }

    @Test
    void without_asterisk_on_this_host_nothing_can_be_told() {
        assertEquals(List.of(), RecordingFolderCheck.warnings(root, List.of(FOLDER)));
    }
}
