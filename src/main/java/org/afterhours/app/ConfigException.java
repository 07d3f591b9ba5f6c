package org.afterhours.app;

/** The configuration is wrong; the message names the key and says what is expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }
}
