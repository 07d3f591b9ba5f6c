package org.afterhours.console;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Console passwords as Argon2id hashes (Spring Security's encoder over Bouncy Castle's Argon2): a random salt and
 * the cost parameters travel inside the encoded string, so raising the cost later keeps old hashes checkable.
 */
public final class PasswordHashing {
    /** Shortest password the {@code password} command accepts. */
    public static final int MINIMUM_LENGTH = 10;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    public String hash(CharSequence password) {
        if (password.length() < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("a console password needs at least " + MINIMUM_LENGTH + " characters");
        }
        return encoder.encode(password);
    }

    public boolean matches(CharSequence password, String hash) {
        return hash != null && encoder.matches(password, hash);
    }
}
