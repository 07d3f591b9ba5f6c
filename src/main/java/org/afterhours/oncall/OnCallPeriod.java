package org.afterhours.oncall;

import java.time.Instant;
import java.util.Optional;

/**
 * Who held a position during {@code [from, until)}; empty when nobody did (a coverage gap).
 *
 * @param source what decided it: {@code rotation main-techs}, {@code override swap-7}, {@code temporary schedule xmas}
 */
public record OnCallPeriod(Instant from, Instant until, Optional<Person> person, String source) {
}
