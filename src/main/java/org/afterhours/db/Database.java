package org.afterhours.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
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
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(HikariDataSource pool, EmbeddedMariaDb embedded) {
        this.pool = pool;
        this.embedded = embedded;
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
            boolean galera = !settings.isEmbedded() && isGaleraMember(url, settings.user(), settings.password());
            pool = pool(url, settings.user(), settings.password(), galera);
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

    /** The connection pool; do not close it, close this Database. */
    public DataSource dataSource() {
        return pool;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Closes the pool, then stops the embedded server (if any). A second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release(pool, embedded);
        }
    }

    /**
     * Whether the server the URL leads to is a member of a Galera cluster (wsrep on). One plain connection, before
     * the pool exists, because the pool's connections are set up differently for a cluster.
     */
    private static boolean isGaleraMember(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
            return r.next() && "ON".equalsIgnoreCase(r.getString(2));
        } catch (SQLException e) {
            throw new DatabaseException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String url, String user, String password, boolean galera) {
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
        // On a Galera cluster a member applies other members' commits shortly after they are certified, so a read
        // right after a write made through another member could miss it: Flyway would then see an old schema
        // history and run a migration again. wsrep_sync_wait = 1 makes every read wait until the member has
        // applied everything committed before it (a few milliseconds on a LAN).
        config.setConnectionInitSql(galera ? "SET time_zone = '+00:00', SESSION wsrep_sync_wait = 1"
                : "SET time_zone = '+00:00'");
        return new HikariDataSource(config);
    }

    private static void migrate(DataSource dataSource) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
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

    private static void release(HikariDataSource pool, EmbeddedMariaDb embedded) {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (embedded != null) {
                embedded.shutdown();
            }
        }
    }
}
