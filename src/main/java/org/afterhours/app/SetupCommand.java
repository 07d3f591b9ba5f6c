package org.afterhours.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.afterhours.db.Database;
import org.afterhours.db.RuleBookRepository;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command on the stored on-call setup: starts the configured database (embedded unless AFTERHOURS_DB_URL is
 * set), runs, stops it. The embedded database can be used by one process at a time: stop {@code serve} first, or
 * point both at a MariaDB server.
 */
abstract class SetupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "config/afterhours.properties",
            description = "properties file (default: ${DEFAULT-VALUE})")
    Path config;

    /** Tests hand in a running database and a setup name of their own; null means "from the configuration". */
    Database database;
    String setupName;
    /** The database the command runs on, while {@link #run} runs. */
    Database active;
    /** The sample a command may import into an empty setup, as {@code serve} does ({@code oncall.seed-file}). */
    Path seedFile;

    @Override
    public final Integer call() throws Exception {
        if (!needsDatabase()) {
            return runWithoutDatabase();
        }
        if (database != null) {
            active = database;
            return run(new RuleBookRepository(database.dataSource()), setupName);
        }
        AfterhoursConfig settings = AfterhoursConfig.load(config, System.getenv());
        seedFile = settings.oncall().seedFile();
        try (Database started = Database.start(settings.database())) {
            active = started;
            return run(new RuleBookRepository(started.dataSource()), settings.oncall().setup());
        }
    }

    abstract int run(RuleBookRepository repository, String setup) throws Exception;

    boolean needsDatabase() {
        return true;
    }

    int runWithoutDatabase() throws Exception {
        throw new UnsupportedOperationException("this command needs the database");
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
