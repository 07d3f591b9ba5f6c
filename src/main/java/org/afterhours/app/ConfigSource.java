package org.afterhours.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raw settings: the documented properties file, overridden by {@code AFTERHOURS_*} environment variables
 * ({@code agi.max-concurrent-calls} → {@code AFTERHOURS_AGI_MAX_CONCURRENT_CALLS}). Secrets are read from the
 * environment only: a secret found in the file stops the start, so it never sits in a file that gets copied around.
 */
final class ConfigSource {
    static final Set<String> SECRETS = Set.of("db.password", "ami.secret", "followup.link-signing-key",
            "notify.smtp-password", "notify.webhook-url");

    private final Properties file;
    private final Map<String, String> environment;

    private ConfigSource(Properties file, Map<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    static ConfigSource load(Path path, Map<String, String> environment, Set<String> knownKeys) {
        Properties file = new Properties();
        if (path != null) {
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException e) {
                throw new ConfigException("--config", "cannot read " + path + ": " + e.getMessage());
            }
        }
        for (String key : file.stringPropertyNames()) {
            if (SECRETS.contains(key)) {
                throw new ConfigException(key, "secrets are read only from the environment variable "
                        + environmentName(key) + ", never from the file");
            }
            if (!knownKeys.contains(key)) {
                throw new ConfigException(key, "unknown key (known keys: " + new TreeSet<>(knownKeys) + ")");
            }
        }
        return new ConfigSource(file, environment);
    }

    String get(String key, String fallback) {
        String fromEnvironment = environment.get(environmentName(key));
        if (fromEnvironment != null) {
            return fromEnvironment.trim();
        }
        return file.getProperty(key, fallback).trim();
    }

    static String environmentName(String key) {
        return "AFTERHOURS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
