package org.afterhours.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./afterhours <command>}: the one entry point. */
@Command(name = "afterhours", mixinStandardHelpOptions = true, version = "afterhours 0.1.0",
        description = "After-hours emergency phone line: a FastAGI server for Asterisk.",
        subcommands = {ServeCommand.class, StatusCommand.class, SimulateCommand.class, MigrateCommand.class, OnCallCommand.class, ImportCommand.class, ExportCommand.class,
                PasswordCommand.class, FollowUpsCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println("configuration error: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
