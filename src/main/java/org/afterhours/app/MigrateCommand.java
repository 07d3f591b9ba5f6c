package org.afterhours.app;

import java.nio.file.Path;
import org.afterhours.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", description = "Apply the database migrations in sql/ and exit.")
final class MigrateCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--config", defaultValue = "config/afterhours.properties",
            description = "properties file (default: ${DEFAULT-VALUE})")
    Path config;

    @Override
    public Integer call() {
        AfterhoursConfig settings = AfterhoursConfig.load(config, System.getenv());
        try (Database ignored = Database.start(settings.database())) {
            return 0;
        }
    }
}
