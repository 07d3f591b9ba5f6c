package org.afterhours.oncall;

import java.time.Instant;
import java.util.Optional;

/** Where the console keeps each person's password hash (never the password). */
public interface ConsolePasswords {
    Optional<String> hash(String personId);

    void store(String personId, String hash, Instant at);
}
