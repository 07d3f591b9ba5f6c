package org.afterhours.followup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.afterhours.calllog.ReferenceNumber;

/**
 * Signed, expiring one-click acknowledgements: a token names the call, the recipient and an expiry, and carries an
 * HMAC-SHA256 of them under a key only the servers know. Pure: the console's endpoint calls {@link #verify} and then
 * {@link FollowUps#acknowledge}; nothing here is HTTP.
 */
public final class AcknowledgeLinks {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    /** The console's path for the link; the token goes in its query string. */
    public static final String PATH = "/acknowledge";

    private final SecretKeySpec key;
    private final String baseUrl;
    private final Duration validity;

    /**
     * @param key     at least 32 bytes (from the environment, never the config file)
     * @param baseUrl the console's public address, e.g. {@code https://afterhours.example.com}
     */
    public AcknowledgeLinks(byte[] key, String baseUrl, Duration validity) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the link-signing key must be at least 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.validity = validity;
    }

    /** Who acknowledged what, as a verified link says. */
    public record Acknowledgement(ReferenceNumber reference, String recipientId) {
    }

    public String linkFor(ReferenceNumber reference, String recipientId, Instant now) {
        return baseUrl + PATH + "?token=" + token(reference, recipientId, now.plus(validity));
    }

    String token(ReferenceNumber reference, String recipientId, Instant expires) {
        String payload = reference.digits() + "\n" + expires.getEpochSecond() + "\n" + recipientId;
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(mac(bytes));
    }

    /** The acknowledgement {@code token} carries, if it is ours, intact, and not expired at {@code now}. */
    public Optional<Acknowledgement> verify(String token, Instant now) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODE.decode(token.substring(0, dot));
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length != 3 || now.getEpochSecond() >= Long.parseLong(parts[1])) {
                return Optional.empty();
            }
            return Optional.of(new Acknowledgement(new ReferenceNumber(parts[0]), parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64, not a number, not a reference: not ours
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
