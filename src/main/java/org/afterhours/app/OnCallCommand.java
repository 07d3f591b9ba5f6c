package org.afterhours.app;

import java.nio.file.Path;
import java.time.Clock;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.SetupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "oncall", description = "For each line: is its helpdesk open, who is primary and secondary on call, "
        + "whom an emergency call rings; with --days, the hand-offs and coverage gaps ahead.")
final class OnCallCommand extends SetupCommand {
    @Option(names = "--at", paramLabel = "TIME", description = "ask about this time instead of now: 2026-12-24T23:30 "
            + "(each line's own zone) or 2026-12-24T23:30-06:00")
    String at;

    @Option(names = "--days", paramLabel = "N", defaultValue = "0",
            description = "also list the hand-offs and coverage gaps of the next N days")
    int days;

    @Option(names = "--file", paramLabel = "FILE",
            description = "answer from this setup file instead of the database (to check a file before importing it)")
    Path file;

    /** Tests fix the time. */
    Clock clock = Clock.systemUTC();

    /** On a fresh clone the database is empty: it answers with the sample, as {@code serve} would after seeding it. */
    @Override
    int run(RuleBookRepository repository, String setup) {
        if (OnCallRuntime.seed(setup, seedFile, repository)) {
            err().println("oncall: on-call setup '" + setup + "' was empty: imported " + seedFile
                    + " (oncall.seed-file), as serve does on its first start");
        }
        return print(RuleBook.of(repository.load(setup).setup()));
    }

    /** With --file the database is not needed at all. */
    @Override
    boolean needsDatabase() {
        return file == null;
    }

    @Override
    int runWithoutDatabase() {
        try {
            return print(RuleBook.of(OnCallFile.read(file)));
        } catch (SetupException e) {
            err().println("oncall: " + file + ": " + e.getMessage());
            return ImportCommand.INVALID_FILE;
        }
    }

    private int print(RuleBook book) {
        if (days < 0 || days > 366) {
            err().println("oncall: --days must be 0 to 366, not " + days);
            return 2;
        }
        OnCallReport.When when;
        try {
            when = at == null ? OnCallReport.When.exactly(clock.instant()) : OnCallReport.When.parse(at);
        } catch (IllegalArgumentException e) {
            err().println("oncall: " + e.getMessage());
            return 2;
        }
        out().print(new OnCallReport(book).render(when, days));
        out().flush();
        return 0;
    }
}
