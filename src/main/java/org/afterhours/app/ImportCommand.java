package org.afterhours.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.afterhours.db.JdbcDueWorkQueue;
import org.afterhours.followup.CoverageWarnings;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.SetupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Replace the stored on-call setup with FILE (people, holidays, rotations, "
        + "escalation policies, lines, overrides). The file is checked first; nothing is written unless all of it "
        + "is right, and then all of it is written in one transaction. A running server picks it up within seconds.")
final class ImportCommand extends SetupCommand {
    /** Exit code for a file that is not a valid setup (2 is a configuration error). */
    static final int INVALID_FILE = 1;

    @Parameters(index = "0", paramLabel = "FILE", description = "the setup file, e.g. config/oncall.yaml")
    Path file;

    /** Tests fix the time. */
    Clock clock = Clock.systemUTC();

    @Override
    int run(RuleBookRepository repository, String setup) {
        OnCallSetup read;
        try {
            read = OnCallFile.read(file);
        } catch (SetupException e) {
            err().println("import: " + file + " was not imported, nothing changed. " + e.getMessage());
            return INVALID_FILE;
        }
        long version = repository.replace(setup, read);
        // The running servers tell the managers of the coverage gaps the new setup leaves, once they have loaded it.
        new JdbcDueWorkQueue(active.dataSource()).schedule(List.of(CoverageWarnings.afterImport(clock.instant())));
        out().printf("imported %s into setup '%s' (version %d): %d lines, %d people, %d rotations, %d escalation"
                + " policies, %d holiday calendars, %d overrides, %d temporary schedules%n", file, setup, version,
                read.lines().size(), read.people().size(), read.rotations().size(), read.escalationPolicies().size(),
                read.holidayCalendars().size(), read.overrides().size(), read.temporarySchedules().size());
        return 0;
    }
}
