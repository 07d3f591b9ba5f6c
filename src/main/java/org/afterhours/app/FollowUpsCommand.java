package org.afterhours.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.afterhours.calllog.FollowUpMethod;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.db.Database;
import org.afterhours.followup.FollowUp;
import org.afterhours.followup.FollowUps;
import org.afterhours.followup.Obligations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "followups", description = "Lists the follow-ups owed to callers (every emergency and message owes one "
        + "within a day), earliest due first; with --done, records one as done.")
final class FollowUpsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "config/afterhours.properties",
            description = "properties file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--overdue", description = "only those past their due time")
    boolean overdue;

    @Option(names = "--done", paramLabel = "REFERENCE", description = "record the follow-up of this call as done")
    String done;

    @Option(names = "--by", paramLabel = "NAME", description = "with --done: who followed up")
    String by;

    @Option(names = "--how", paramLabel = "HOW", description = "with --done: phone, email or ticket")
    String how;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "with --done: a note")
    String note;

    /** Tests hand in a running database and fix the time. */
    Database database;
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        AfterhoursConfig settings = AfterhoursConfig.load(config, System.getenv());
        if (database != null) {
            return run(settings, database);
        }
        try (Database started = Database.start(settings.database())) {
            return run(settings, started);
        }
    }

    private int run(AfterhoursConfig settings, Database db) {
        FollowUps followUps = new FollowUps(AfterCallSide.stores(db.dataSource()),
                new Obligations(settings.afterCall().clocks()), Optional.empty(), clock);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (done != null) {
            return markDone(followUps, out, err);
        }
        List<FollowUp> open = followUps.open(overdue);
        Instant now = clock.instant();
        if (open.isEmpty()) {
            out.println(overdue ? "No follow-up is overdue." : "No follow-up is owed.");
        } else {
            out.printf("%-9s %-14s %-20s %-20s %s%n", "REFERENCE", "CAUSE", "OWED SINCE", "DUE", "STATE");
            for (FollowUp f : open) {
                out.printf("%-9s %-14s %-20s %-20s %s%n", f.reference(), f.cause(), TIME.format(f.owedAt()),
                        TIME.format(f.dueAt()), f.isOverdue(now) ? "OVERDUE" : "owed");
            }
        }
        out.flush();
        return 0;
    }

    private int markDone(FollowUps followUps, PrintWriter out, PrintWriter err) {
        ReferenceNumber reference;
        FollowUpMethod method;
        try {
            reference = new ReferenceNumber(done.strip());
            method = FollowUpMethod.parse(how == null ? "" : how);
            if (by == null || by.isBlank()) {
                throw new IllegalArgumentException("--by names who followed up");
            }
        } catch (IllegalArgumentException e) {
            err.println("followups: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (!followUps.done(reference, by.strip(), method, note)) {
            err.println("followups: call " + reference + " owes no follow-up, or it was done already");
            err.flush();
            return 1;
        }
        out.println("Follow-up of " + reference + " done by " + by.strip() + " (" + method.name().toLowerCase(
                java.util.Locale.ROOT) + ").");
        out.flush();
        return 0;
    }
}
