package org.afterhours.callflow;

import java.time.Duration;

/**
 * How an emergency caller is held while technicians are rung.
 *
 * @param announcementEvery how often the caller hears "we are still trying ...; press 1 to leave a message"
 * @param musicClass        music on hold class (musiconhold.conf), null for the channel's default
 */
public record HoldSettings(Duration announcementEvery, String musicClass) {
    public static HoldSettings defaults() {
        return new HoldSettings(Duration.ofSeconds(45), null);
    }
}
