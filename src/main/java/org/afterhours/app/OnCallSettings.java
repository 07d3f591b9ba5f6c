package org.afterhours.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The on-call keys of the configuration.
 *
 * @param setup which stored setup the server and the commands use ({@code main})
 * @param seedFile imported on a start that finds the setup without lines; null for none
 * @param refresh how often the server checks the setup's version in the database
 */
record OnCallSettings(String setup, Path seedFile, Duration refresh) {
    static final String SETUP = "oncall.setup";
    static final String SEED_FILE = "oncall.seed-file";
    static final String REFRESH_SECONDS = "oncall.refresh-seconds";
    private static final Pattern SETUP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static OnCallSettings from(ConfigSource source) {
        String setup = source.get(SETUP, "main");
        if (!SETUP_NAME.matcher(setup).matches()) {
            throw new ConfigException(SETUP, "must be 1 to 64 letters, digits, '.', '_' or '-', got '" + setup + "'");
        }
        String seed = source.get(SEED_FILE, "config/oncall.yaml");
        String refreshText = source.get(REFRESH_SECONDS, "5");
        int refresh;
        try {
            refresh = Integer.parseInt(refreshText);
        } catch (NumberFormatException e) {
            throw new ConfigException(REFRESH_SECONDS, "must be a whole number, got '" + refreshText + "'");
        }
        if (refresh < 1 || refresh > 3600) {
            throw new ConfigException(REFRESH_SECONDS, "must be between 1 and 3600, got " + refresh);
        }
        return new OnCallSettings(setup, seed.isEmpty() ? null : Path.of(seed), Duration.ofSeconds(refresh));
    }
}
