package org.afterhours.app;

import java.nio.file.Path;
import java.time.Clock;
import org.afterhours.console.ConsoleServer;
import java.util.concurrent.CountDownLatch;
import org.afterhours.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Start the database (embedded unless AFTERHOURS_DB_URL is set) and the "
        + "FastAGI server and the web console; stop with Ctrl-C (live calls get the configured grace period).")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", description = "properties file (default: ${DEFAULT-VALUE})",
            defaultValue = "config/afterhours.properties")
    Path config;

    @Override
    public Integer call() throws Exception {
        AfterhoursConfig settings = AfterhoursConfig.load(config, System.getenv());
        RecordingFolderCheck.warnings(Path.of("/"), settings.flow().recordingDirectories()).forEach(log::warn);
        Database database = Database.startEvenIfUnreachable(settings.database());
        AfterhoursServer server = AfterhoursServer.start(settings, database);
        ConsoleServer console = ConsoleSide.start(settings, server, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                console.close();
                server.close();
                database.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("error while stopping", e);
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        log.info("afterhours is serving FastAGI on port {}; try: ./afterhours simulate --port {}",
                server.agiPort(), server.agiPort());
        System.out.println("afterhours console: " + console.address()
                + " (log in with a person id; set a password with ./afterhours password <person-id>)");
        stopped.await();
        return 0;
    }
}
