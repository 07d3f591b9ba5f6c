package org.afterhours.ami;

/**
 * Where the Asterisk manager interface listens and who we log in as.
 *
 * @param host     Asterisk's AMI address ({@code bindaddr} in manager.conf)
 * @param port     AMI port, {@value #DEFAULT_PORT} unless manager.conf says otherwise
 * @param username the {@code [user]} section of manager.conf
 * @param secret   that user's secret; read from the environment only ({@code AFTERHOURS_AMI_SECRET}), never logged:
 *                 {@link #toString()} leaves it out
 */
public record AmiSettings(String host, int port, String username, String secret) {
    public static final int DEFAULT_PORT = 5038;

    public AmiSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("AMI host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("AMI port must be 1-65535, got " + port);
        }
        if (username == null || username.isBlank() || username.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("AMI username is empty or spans lines");
        }
        secret = secret == null ? "" : secret;
    }

    /** Whether a secret was given: without one there is nothing to log in with, and no call can be placed. */
    public boolean hasSecret() {
        return !secret.isEmpty();
    }

    /** {@code host:port}, for log lines. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "AmiSettings[" + username + "@" + address() + ", secret " + (hasSecret() ? "set" : "not set") + "]";
    }
}
