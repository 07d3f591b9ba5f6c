package org.afterhours.callflow;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that stands still until a test (or its fake Asterisk, as prompts play) moves it. */
final class MovableClock extends Clock {
    private final AtomicLong millis;

    MovableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    void advance(long byMillis) {
        millis.addAndGet(byMillis);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
