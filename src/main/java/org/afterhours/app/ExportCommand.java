package org.afterhours.app;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.oncall.OnCallSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Write the stored on-call setup in the import file's format, to FILE or "
        + "to standard output. Importing what it writes gives back the same setup.")
final class ExportCommand extends SetupCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "where to write (default: standard output)")
    Path file;

    @Override
    int run(RuleBookRepository repository, String setup) throws Exception {
        OnCallSetup stored = repository.load(setup).setup();
        if (file == null) {
            OnCallFile.write(stored, out());
            out().flush();
            return 0;
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            OnCallFile.write(stored, writer);
        }
        err().println("exported setup '" + setup + "' to " + file);
        return 0;
    }
}
