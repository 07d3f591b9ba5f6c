package org.afterhours.escalation;

import java.time.Instant;

/**
 * A time during which something a line relies on yields nobody.
 *
 * @param what {@code primary on call}, {@code step 3 (role Hosted Administrator)}, or {@code whole policy}
 *        when no step yields anyone (the caller can only leave voicemail)
 * @param reason why: {@code rotation main-techs (alice is inactive)}, {@code no active person has the role …}
 */
public record CoverageGap(String lineId, String what, Instant from, Instant until, String reason) {
}
