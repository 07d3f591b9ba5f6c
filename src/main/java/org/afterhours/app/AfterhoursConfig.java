package org.afterhours.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.afterhours.agi.server.AgiServerSettings;
import org.afterhours.db.DatabaseSettings;

/**
 * The server's configuration, validated once at start and immutable after. Every key is documented in
 * {@code config/afterhours.properties}; {@link #KEYS} is the list the loader accepts.
 */
public record AfterhoursConfig(AgiServerSettings agi, DatabaseSettings database, Path dataDir) {

    static final Set<String> KEYS = Set.of("agi.bind", "agi.port", "agi.allowed-clients", "agi.max-line-length",
            "agi.max-environment-lines", "agi.max-environment-bytes", "agi.max-concurrent-calls",
            "agi.shutdown-grace-seconds", "agi.status-variable", "data.dir", "db.url", "db.user",
            "db.embedded.port");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Reads {@code file} (may be null: defaults only) and the environment; throws {@link ConfigException}. */
    public static AfterhoursConfig load(Path file, Map<String, String> environment) {
        ConfigSource source = ConfigSource.load(file, environment, KEYS);
        AgiServerSettings defaults = AgiServerSettings.defaults();
        AgiServerSettings agi = new AgiServerSettings(
                address(source, "agi.bind", defaults.bindAddress()),
                integer(source, "agi.port", defaults.port(), 0, 65535),
                clients(source, "agi.allowed-clients", defaults.allowedClients()),
                integer(source, "agi.max-line-length", defaults.maxLineLength(), 256, 1 << 20),
                integer(source, "agi.max-environment-lines", defaults.maxEnvironmentLines(), 16, 10_000),
                integer(source, "agi.max-environment-bytes", defaults.maxEnvironmentBytes(), 1024, 1 << 20),
                integer(source, "agi.max-concurrent-calls", defaults.maxConcurrentCalls(), 1, 1_000_000),
                Duration.ofSeconds(integer(source, "agi.shutdown-grace-seconds",
                        (int) defaults.shutdownGrace().toSeconds(), 0, 3600)),
                variableName(source, "agi.status-variable", defaults.statusVariable()));
        Path dataDir = Path.of(source.get("data.dir", "data"));
        String url = source.get("db.url", "");
        DatabaseSettings database;
        if (url.isEmpty()) {
            database = new DatabaseSettings(null, null, null, dataDir,
                    integer(source, "db.embedded.port", 0, 0, 65535), "afterhours");
        } else {
            if (!url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:")) {
                throw new ConfigException("db.url", "expected a jdbc:mariadb://host:port/database URL");
            }
            database = DatabaseSettings.external(url, source.get("db.user", "root"), source.get("db.password", ""));
        }
        return new AfterhoursConfig(agi, database, dataDir);
    }

    private static int integer(ConfigSource source, String key, int fallback, int min, int max) {
        String text = source.get(key, Integer.toString(fallback));
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number, got '" + text + "'");
        }
    }

    private static String address(ConfigSource source, String key, String fallback) {
        String text = source.get(key, fallback);
        if (!text.matches("[0-9a-fA-F.:]+")) {
            throw new ConfigException(key, "must be an IP address, got '" + text + "'");
        }
        try {
            InetAddress.getByName(text);
            return text;
        } catch (UnknownHostException e) {
            throw new ConfigException(key, "must be an IP address, got '" + text + "'");
        }
    }

    private static List<String> clients(ConfigSource source, String key, List<String> fallback) {
        String text = source.get(key, String.join(",", fallback));
        List<String> blocks = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (blocks.isEmpty()) {
            throw new ConfigException(key, "name at least one address or CIDR block, e.g. 127.0.0.1/32");
        }
        for (String block : blocks) {
            String[] parts = block.split("/", -1);
            boolean v6 = parts[0].contains(":");
            try {
                if (!parts[0].matches("[0-9a-fA-F.:]+")) {
                    throw new UnknownHostException(parts[0]);
                }
                InetAddress.getByName(parts[0]);
                if (parts.length > 2 || (parts.length == 2
                        && (Integer.parseInt(parts[1]) < 0 || Integer.parseInt(parts[1]) > (v6 ? 128 : 32)))) {
                    throw new NumberFormatException();
                }
            } catch (UnknownHostException | NumberFormatException e) {
                throw new ConfigException(key, "'" + block + "' is not an address or CIDR block such as 10.0.0.0/8");
            }
        }
        return blocks;
    }

    private static String variableName(ConfigSource source, String key, String fallback) {
        String text = source.get(key, fallback);
        if (!VARIABLE_NAME.matcher(text).matches()) {
            throw new ConfigException(key, "must be a channel variable name (letters, digits, _), got '" + text + "'");
        }
        return text;
    }
}
