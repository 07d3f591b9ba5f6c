package org.afterhours.app;

import java.time.Clock;
import java.util.Optional;
import org.afterhours.console.Console;
import org.afterhours.console.ConsoleServer;
import org.afterhours.db.JdbcCallLogQueries;
import org.afterhours.db.JdbcConsolePasswords;
import org.afterhours.db.RuleBookRepository;

/** The web console beside the running server: the same database and live rule book. Wiring only. */
final class ConsoleSide {
    private ConsoleSide() {
    }

    static ConsoleServer start(AfterhoursConfig config, AfterhoursServer server, Clock clock) {
        var dataSource = server.database().dataSource();
        String setup = config.oncall().setup();
        Console console = new Console(server.ruleBook(), new JdbcCallLogQueries(dataSource),
                new JdbcConsolePasswords(dataSource, setup),
                new RuleBookRepository(dataSource).store(setup, server.ruleBook()::refresh), clock,
                token -> server.followUps().acknowledgeByLink(token).map(ack -> ack.reference().digits()),
                Optional.of(server.followUps()));
        return ConsoleServer.start(config.console(), console);
    }
}
