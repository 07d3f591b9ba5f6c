package org.afterhours.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the console listens and what it reads.
 *
 * @param certificate PEM certificate chain; with {@code privateKey} the console speaks HTTPS only; both null: HTTP
 * @param recordingDirectories where Asterisk writes messages ({@code flow.recording-directory} and its fallback),
 *        read for playback
 * @param managerRoles people with one of these roles are managers; everyone else with a password is a technician
 */
public record ConsoleSettings(String bindAddress, int port, Path certificate, Path privateKey,
        List<Path> recordingDirectories, Set<String> managerRoles, Duration sessionTimeout, Duration liveRefresh) {

    public static final int DEFAULT_PORT = 8080;

    public ConsoleSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        recordingDirectories = List.copyOf(recordingDirectories);
        managerRoles = Set.copyOf(managerRoles);
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("HTTPS needs both a certificate and its private key");
        }
    }

    public static ConsoleSettings defaults(List<Path> recordingDirectories) {
        return new ConsoleSettings("127.0.0.1", DEFAULT_PORT, null, null, recordingDirectories,
                Set.of("Support Manager", "Hosted Administrator"), Duration.ofHours(12), Duration.ofSeconds(2));
    }

    public ConsoleSettings onPort(int newPort) {
        return new ConsoleSettings(bindAddress, newPort, certificate, privateKey, recordingDirectories, managerRoles,
                sessionTimeout, liveRefresh);
    }

    public boolean https() {
        return certificate != null;
    }
}
