package org.afterhours.agi.server;

import java.time.Duration;
import java.util.List;

/**
 * Everything the FastAGI listener needs to know; validated by whoever builds it (the app's config).
 *
 * @param bindAddress         interface to listen on
 * @param port                TCP port, 0 for any free one (tests)
 * @param allowedClients      CIDR blocks ({@code 127.0.0.1/32}) whose connections are served; all others refused
 * @param maxLineLength       longest line accepted from Asterisk, in bytes
 * @param maxEnvironmentLines most {@code agi_*} lines accepted in one environment block
 * @param maxEnvironmentBytes most bytes accepted in one environment block
 * @param maxConcurrentCalls  calls served at once; the next one is told BUSY and closed
 * @param shutdownGrace       how long a stop waits for live calls to finish
 * @param statusVariable      the channel variable set before a session ends, for the dialplan to branch on
 */
public record AgiServerSettings(
        String bindAddress, int port, List<String> allowedClients, int maxLineLength, int maxEnvironmentLines,
        int maxEnvironmentBytes, int maxConcurrentCalls, Duration shutdownGrace, String statusVariable) {

    public static final int DEFAULT_PORT = 4573;

    public AgiServerSettings {
        allowedClients = List.copyOf(allowedClients);
    }

    /** Loopback only, the documented defaults: what a test or a fresh install gets. */
    public static AgiServerSettings defaults() {
        return new AgiServerSettings("127.0.0.1", DEFAULT_PORT, List.of("127.0.0.1/32", "::1/128"), 8192, 128,
                16384, 10_000, Duration.ofSeconds(30), "AFTERHOURS_STATUS");
    }

    public AgiServerSettings withPort(int newPort) {
        return new AgiServerSettings(bindAddress, newPort, allowedClients, maxLineLength, maxEnvironmentLines,
                maxEnvironmentBytes, maxConcurrentCalls, shutdownGrace, statusVariable);
    }

    public AgiServerSettings withAllowedClients(List<String> clients) {
        return new AgiServerSettings(bindAddress, port, clients, maxLineLength, maxEnvironmentLines,
                maxEnvironmentBytes, maxConcurrentCalls, shutdownGrace, statusVariable);
    }

    public AgiServerSettings withMaxConcurrentCalls(int calls) {
        return new AgiServerSettings(bindAddress, port, allowedClients, maxLineLength, maxEnvironmentLines,
                maxEnvironmentBytes, calls, shutdownGrace, statusVariable);
    }

    public AgiServerSettings withShutdownGrace(Duration grace) {
        return new AgiServerSettings(bindAddress, port, allowedClients, maxLineLength, maxEnvironmentLines,
                maxEnvironmentBytes, maxConcurrentCalls, grace, statusVariable);
    }
}
