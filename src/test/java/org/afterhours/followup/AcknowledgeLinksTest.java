package org.afterhours.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.afterhours.calllog.ReferenceNumber;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The email's one-click acknowledgement: ours, intact and unexpired, or nothing. */
@Tag("clock")
class AcknowledgeLinksTest {
    private static final Instant SENT = Instant.parse("2001-03-06T08:14:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final AcknowledgeLinks links = new AcknowledgeLinks(KEY, "https://console.example.com/", Duration.ofHours(2));
    private final ReferenceNumber reference = new ReferenceNumber("1000200");

    private String tokenOf(String link) {
        assertTrue(link.startsWith("https://console.example.com/acknowledge?token="), link);
        return link.substring(link.indexOf('=') + 1);
    }

    @Test
    void a_link_acknowledges_as_its_recipient_until_it_expires() {
        String token = tokenOf(links.linkFor(reference, "alice", SENT));
        var ack = new AcknowledgeLinks.Acknowledgement(reference, "alice");
        assertEquals(Optional.of(ack), links.verify(token, SENT));
        assertEquals(Optional.of(ack), links.verify(token, SENT.plus(Duration.ofHours(2)).minusSeconds(1)));
        assertEquals(Optional.empty(), links.verify(token, SENT.plus(Duration.ofHours(2))));
    }

    @Test
    void a_token_changed_in_any_way_or_signed_with_another_key_is_refused() {
        String token = tokenOf(links.linkFor(reference, "alice", SENT));
        String forged = links.token(reference, "mallory", SENT.plus(Duration.ofDays(1)));
        String payloadOfForged = forged.substring(0, forged.indexOf('.'));
        assertEquals(Optional.empty(), links.verify(payloadOfForged + token.substring(token.indexOf('.')), SENT));
        AcknowledgeLinks otherKey = new AcknowledgeLinks("another key, also 32 bytes long!".getBytes(
                StandardCharsets.US_ASCII), "https://x", Duration.ofHours(2));
        assertEquals(Optional.empty(), otherKey.verify(token, SENT));
        for (String junk : new String[] {"", ".", "abc", "a.b", "%%%.%%%", token + "x", "x".repeat(5000)}) {
            assertEquals(Optional.empty(), links.verify(junk, SENT), junk);
        }
        assertEquals(Optional.empty(), links.verify(null, SENT));
    }

    @Test
    void a_short_key_is_refused_at_start() {
        assertThrows(IllegalArgumentException.class, () -> new AcknowledgeLinks(new byte[16], "https://x",
                Duration.ofHours(1)));
    }
}
