package org.afterhours.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mariadbd still holding the embedded data folder when the server starts. When the JVM was killed, its own
 * mariadbd lives on (a child of pid 1) and keeps the InnoDB lock: a supervisor restarting the server would be
 * refused for ever. So a leftover that is ours (our binary, our data folder) is stopped cleanly and the start goes
 * on; any other process is someone else's, and the start is refused.
 */
final class LeftoverServer {
    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);
    /** InnoDB flushes on a clean stop; a big buffer pool can take a while, a minute is plenty for ours. */
    private static final long STOP_SECONDS = 60;

    enum Verdict { NONE, OURS, FOREIGN }

    private LeftoverServer() {
    }

    /** Stops our own leftover mariadbd (SIGTERM, then waits for it); refuses a foreign one. */
    static void stopOurOwnOrRefuse(Path pidFile, Path serverBinary, Path dataDir) {
        OptionalLong pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        ProcessHandle process = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive).orElse(null);
        if (process == null) {
            return; // a stale pid file: the server died with the JVM
        }
        ProcessHandle.Info info = process.info();
        Verdict verdict = judge(info.command().orElse(""), List.of(info.arguments().orElse(new String[0])),
                serverBinary, dataDir);
        switch (verdict) {
            case NONE -> {
                // The pid was reused by an unrelated program: the pid file is stale.
            }
            case FOREIGN -> throw new DatabaseException("embedded database folder " + dataDir + " is in use by "
                    + "mariadbd pid " + pid.getAsLong() + ", which is not this server's own (another binary or data "
                    + "folder); stop that process first");
            case OURS -> {
                refuseIfItsServerStillRuns(process, dataDir);
                stop(process, dataDir);
            }
        }
    }

    /**
     * OURS: the embedded server binary on this data folder. FOREIGN: another mariadbd that may hold the folder.
     * NONE: not a MariaDB server at all.
     */
    static Verdict judge(String command, List<String> arguments, Path serverBinary, Path dataDir) {
        if (!(command.endsWith("/mariadbd") || command.endsWith("/mysqld"))) {
            return Verdict.NONE;
        }
        boolean ourBinary = samePath(Path.of(command), serverBinary);
        boolean ourFolder = arguments.stream()
                .map(LeftoverServer::unquoted)
                .filter(a -> a.startsWith("--datadir="))
                .anyMatch(a -> samePath(Path.of(a.substring("--datadir=".length())), dataDir));
        return ourBinary && ourFolder ? Verdict.OURS : Verdict.FOREIGN;
    }

    /**
     * Our mariadbd whose JVM still runs is not a leftover: that server watches it and would start it again. Only an
     * orphan (its JVM gone, so it was handed to pid 1 or a subreaper) is stopped.
     */
    private static void refuseIfItsServerStillRuns(ProcessHandle process, Path dataDir) {
        process.parent().filter(ProcessHandle::isAlive)
                .filter(parent -> parent.info().command().orElse("").endsWith("/java"))
                .ifPresent(server -> {
                    throw new DatabaseException("embedded database folder " + dataDir + " is in use by mariadbd pid "
                            + process.pid() + " of the running server pid " + server.pid() + "; stop that server "
                            + "first");
                });
    }

    static OptionalLong readPid(Path pidFile) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException noUsablePidFile) {
            return OptionalLong.empty();
        }
    }

    private static void stop(ProcessHandle process, Path dataDir) {
        log.warn("embedded database folder {} is held by this server's own mariadbd pid {}, left running when the "
                + "previous server process died; stopping it cleanly before starting", dataDir, process.pid());
        long started = System.nanoTime();
        process.destroy(); // SIGTERM: mariadbd shuts down cleanly and releases the folder
        try {
            process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new DatabaseException("our leftover mariadbd pid " + process.pid() + " did not stop within "
                    + STOP_SECONDS + " s of SIGTERM; it still holds " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while stopping our leftover mariadbd pid " + process.pid(), e);
        } catch (ExecutionException e) {
            throw new DatabaseException("cannot wait for our leftover mariadbd pid " + process.pid(), e);
        }
        log.info("leftover mariadbd pid {} stopped in {} ms", process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static String unquoted(String argument) {
        return argument.replace("\"", "");
    }
}
