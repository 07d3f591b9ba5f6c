package org.afterhours.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

/**
 * A started database: a connection pool on a schema that Flyway has brought up to date, plus the
 * embedded server behind it when there is no external one. Close it to release both.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Where Flyway finds the migrations: the repo's sql/ folder, copied onto the classpath. */
    static final String MIGRATIONS = "classpath:sql";

    private final HikariDataSource pool;
    private final EmbeddedMariaDb embedded; // null for an external server
    private final EmbeddedServerSupervisor supervisor; // null for an external server
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread migrator; // connects to an external server that was down at start

    private Database(HikariDataSource pool, EmbeddedMariaDb embedded) {
        this.pool = pool;
        this.embedded = embedded;
        this.supervisor = embedded == null ? null : EmbeddedServerSupervisor.start(embedded);
    }

    /** Starts (or connects to) the database and migrates it; fails rather than return a half-ready one. */
    public static Database start(DatabaseSettings settings) {
        long started = System.nanoTime();
        EmbeddedMariaDb embedded = null;
        HikariDataSource pool = null;
        try {
            String url = settings.url();
            if (settings.isEmbedded()) {
                embedded = EmbeddedMariaDb.start(settings.embeddedDataDir(), settings.embeddedPort());
                embedded.createDatabase(settings.embeddedDatabaseName());
                url = embedded.jdbcUrl(settings.embeddedDatabaseName());
            }
            pool = pool(url, settings.user(), settings.password());
            checkReachable(pool);
            migrate(pool);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (embedded != null) {
                log.info("Database: embedded MariaDB on 127.0.0.1:{}, database {}, data in {} (ready in {} ms)",
                        embedded.port(), settings.embeddedDatabaseName(), embedded.dataDir(), ms);
            } else {
                log.info("Database: external {} as user {} (ready in {} ms)", settings.redactedUrl(), settings.user(), ms);
            }
            return new Database(pool, embedded);
        } catch (RuntimeException e) {
            try {
                release(pool, embedded);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            if (e instanceof DatabaseException) {
                throw e;
            }
            throw new DatabaseException("database did not start: " + settings, e);
        }
    }

    /**
     * As {@link #start}, except that an external server which cannot be reached is not fatal: the node starts and
     * serves calls (their events wait in the journal, the on-call setup comes from the copy kept on disk), and this
     * connects and migrates in the background with backoff until the server answers. A schema that fails to
     * migrate, or an embedded server that does not start, still fails the start.
     */
    public static Database startEvenIfUnreachable(DatabaseSettings settings) {
        if (settings.isEmbedded()) {
            return start(settings);
        }
        try {
            return start(settings);
        } catch (DatabaseException e) {
            if (!(e.getCause() instanceof com.zaxxer.hikari.pool.HikariPool.PoolInitializationException)) {
                throw e;
            }
            log.warn("DATABASE DOWN at start: external {} does not answer ({}); serving calls anyway and connecting "
                    + "in the background", settings.redactedUrl(), e.getCause().getMessage());
        }
        HikariDataSource pool = pool(settings.url(), settings.user(), settings.password());
        Database database = new Database(pool, null);
        database.migrateWhenReachable(settings);
        return database;
    }

    private void migrateWhenReachable(DatabaseSettings settings) {
        migrator = Thread.ofPlatform().name("database-connect").daemon(true).start(() -> {
            java.time.Duration backoff = java.time.Duration.ofSeconds(1);
            while (!closed.get()) {
                try {
                    migrate(pool);
                    log.warn("DATABASE UP: external {} answers; schema up to date", settings.redactedUrl());
                    return;
                } catch (RuntimeException e) {
                    log.debug("external database still unreachable: {}", e.getMessage());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stopping) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(java.time.Duration.ofSeconds(30)) > 0
                        ? java.time.Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        });
    }

    /** The connection pool; do not close it, close this Database. */
    public DataSource dataSource() {
        return pool;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded server's process id while it runs; empty for an external server or while it is down. */
    public java.util.OptionalLong embeddedServerPid() {
        return embedded == null ? java.util.OptionalLong.empty() : embedded.pid();
    }

    /** How many times the embedded server was started again after it died (0 for an external server). */
    public int embeddedServerRestarts() {
        return supervisor == null ? 0 : supervisor.restarts();
    }

    /** Closes the pool, then stops the embedded server (if any). A second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (supervisor != null) {
                supervisor.stop();
            }
            Thread connecting = migrator;
            if (connecting != null) {
                connecting.interrupt();
            }
            release(pool, embedded);
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("afterhours");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        // A call never waits on the database (it writes a journal), so waiting long buys nothing:
        // fail fast and let the journal writer retry.
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(3_000);
        // A URL may name several servers (jdbc:mariadb:sequential://db1,db2,db3/afterhours: the members of a Galera
        // cluster). When one dies, the connections to it must leave the pool before a caller's write meets them:
        // the pool checks a connection before handing it out (isValid), probes idle ones every 30 s, and renews
        // every connection after 5 minutes, so the pool drifts back to the first server once it is up again.
        config.setKeepaliveTime(30_000);
        config.setMaxLifetime(300_000);
        if (!url.contains("connectTimeout=")) {
            // The driver's own default (30 s) exceeds the pool's wait: a server that is gone without a word (a
            // whole site) would use up a try before the next host of the URL gets its turn.
            config.addDataSourceProperty("connectTimeout", "3000");
        }
        // Session time zone UTC, so that NOW() and friends agree with the UTC the code writes.
        config.setConnectionInitSql("SET time_zone = '+00:00'");
        // Created even when the server does not answer yet (see startEvenIfUnreachable); start() checks it first.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Fails with the pool's own exception when no connection can be had, as a pool that fails fast would. */
    private static void checkReachable(HikariDataSource pool) {
        try (java.sql.Connection c = pool.getConnection()) {
            c.isValid(1);
        } catch (java.sql.SQLException e) {
            throw new com.zaxxer.hikari.pool.HikariPool.PoolInitializationException(e);
        }
    }

    private static void migrate(DataSource dataSource) {
        try {
            var flyway = Flyway.configure();
            if (isGaleraMember(dataSource)) {
                // A member applies other members' commits shortly after they are certified: a node migrating right
                // after another one did, through another member, could find the new tables there but not yet the
                // schema history's rows, and run a migration again. Its reads wait for those commits instead.
                flyway.initSql("SET SESSION wsrep_sync_wait = 1");
            }
            flyway.dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true) // no sql/ on the classpath is a packaging bug, not "nothing to do"
                    .validateMigrationNaming(true) // a misnamed file would otherwise be skipped silently
                    .baselineOnMigrate(false)
                    .validateOnMigrate(true)
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseException("database migration failed: " + e.getMessage(), e);
        }
    }

    /** Whether the server behind {@code dataSource} is a member of a Galera cluster (wsrep on). */
    private static boolean isGaleraMember(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
            return r.next() && "ON".equalsIgnoreCase(r.getString(2));
        } catch (SQLException e) {
            throw new DatabaseException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    private static void release(HikariDataSource pool, EmbeddedMariaDb embedded) {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (embedded != null) {
                embedded.shutdown();
                log.info("embedded MariaDB stopped");
            }
        }
    }
}
