package org.afterhours.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.afterhours.db.Database;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.escalation.EscalationPlanner;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.RefreshingRuleBook;
import org.afterhours.oncall.RuleBookSource;
import org.afterhours.oncall.SetupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's rule book: seeded from the sample file on the first start on an empty database, loaded from
 * MariaDB, and refreshed when the stored setup's version changes. A database outage leaves it on its last good
 * snapshot.
 */
final class OnCallRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnCallRuntime.class);

    private final RefreshingRuleBook ruleBook;
    private final EscalationPlanner planner;

    private OnCallRuntime(RefreshingRuleBook ruleBook) {
        this.ruleBook = ruleBook;
        this.planner = EscalationPlanner.over(ruleBook);
    }

    static OnCallRuntime start(OnCallSettings settings, Database database) {
        return start(settings, database, null);
    }

    /** @param keptCopy where the last good setup is kept for a start during a database outage; null: nowhere */
    static OnCallRuntime start(OnCallSettings settings, Database database, Path keptCopy) {
        RuleBookRepository repository = new RuleBookRepository(database.dataSource());
        RuleBookSource source = repository.source(settings.setup());
        DiskKeptSetup kept = keptCopy == null ? null : new DiskKeptSetup(source, keptCopy);
        try {
            seed(settings.setup(), settings.seedFile(), repository);
        } catch (RuntimeException databaseDown) {
            if (kept == null) {
                throw databaseDown;
            }
            log.warn("on-call setup not seeded, the database is unreachable ({})", databaseDown.getMessage());
        }
        RefreshingRuleBook book = new RefreshingRuleBook(kept == null ? source : kept);
        if (!book.refresh() && kept != null) {
            kept.lastGood().ifPresentOrElse(setup -> {
                book.answerFrom(setup);
                log.warn("DATABASE DOWN at start: answering calls from the last good on-call setup kept in {} "
                        + "({} line(s)) until the database is back", keptCopy, setup.lines().size());
            }, () -> log.error("DATABASE DOWN at start and no on-call setup kept in {}: calls are unrouted until "
                    + "the database is back", keptCopy));
        }
        if (book.lines().isEmpty()) {
            log.warn("on-call setup '{}' has no lines: every call is unrouted until one is imported"
                    + " (./afterhours import config/oncall.yaml)", settings.setup());
        }
        return new OnCallRuntime(book.pollEvery(settings.refresh()));
    }

    /**
     * Imports {@code seedFile} into {@code setup} when that setup has nothing yet (a first start, or the commands on
     * a fresh clone). @return whether it did
     */
    static boolean seed(String setup, Path seedFile, RuleBookRepository repository) {
        if (seedFile == null) {
            return false;
        }
        if (!Files.isRegularFile(seedFile)) {
            log.warn("{} names {}, which does not exist: nothing to import on a first start", OnCallSettings.SEED_FILE,
                    seedFile);
            return false;
        }
        OnCallSetup sample;
        try {
            sample = OnCallFile.read(seedFile);
        } catch (SetupException e) {
            throw new ConfigException(OnCallSettings.SEED_FILE, seedFile + " is not a valid on-call setup: "
                    + e.getMessage());
        }
        if (repository.importIfEmpty(setup, sample)) {
            log.info("on-call setup '{}' was empty: imported {} ({} lines, {} people)", setup, seedFile,
                    sample.lines().size(), sample.people().size());
            return true;
        }
        return false;
    }

    RefreshingRuleBook ruleBook() {
        return ruleBook;
    }

    EscalationPlanner planner() {
        return planner;
    }

    @Override
    public void close() {
        ruleBook.close();
    }
}
