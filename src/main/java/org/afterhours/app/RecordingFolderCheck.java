package org.afterhours.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * At start, what this host can tell about the folders Asterisk records messages in. They live on the Asterisk host:
 * only when Asterisk's configuration folder is on this host too can a missing folder be told from "another host".
 * The warning is about the installation; each call still copes on its own (another folder, the dialplan's box).
 */
final class RecordingFolderCheck {
    /** Asterisk's own folders: either on this host means Asterisk is installed here. */
    private static final List<String> ASTERISK_HERE = List.of("etc/asterisk", "var/lib/asterisk");

    private RecordingFolderCheck() {
    }

    /**
     * @param root    the file system root ("/"; a test's folder in tests)
     * @param folders absolute folders, as configured
     * @return one warning per folder known to be missing; none when Asterisk is not on this host
     */
    static List<String> warnings(Path root, List<String> folders) {
        if (ASTERISK_HERE.stream().noneMatch(dir -> Files.isDirectory(root.resolve(dir)))) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        for (String folder : folders) {
            Path onThisHost = root.resolve(folder.substring(1));
            if (!Files.isDirectory(onThisHost)) {
                warnings.add("recording folder " + folder + " does not exist on this host, where Asterisk runs:"
                        + " messages cannot be recorded there (the caller goes to the next folder or the dialplan's"
                        + " voicemail box). Create it: install -d -o \"$(ps -o user= -C asterisk | head -1)\" "
                        + folder);
            }
        }
        return warnings;
    }
}
