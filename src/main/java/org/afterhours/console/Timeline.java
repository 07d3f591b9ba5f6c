package org.afterhours.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.afterhours.calllog.CallAttempt;
import org.afterhours.calllog.CallDetail;
import org.afterhours.calllog.LoggedEvent;

/**
 * A call drawn to scale for the server-rendered SVG: one lane for the caller (with a tick per event) and one per
 * ring. Geometry only; the template draws it and FreeMarker escapes every label.
 */
final class Timeline {
    static final int WIDTH = 800;
    static final int LEFT = 150;
    static final int LANE = 26;
    private static final int TOP = 24;

    public record Bar(int y, double x, double width, String kind, String label, String title) {
    }

    public record Tick(double x, String label) {
    }

    public record Drawing(int width, int height, int left, List<Bar> bars, List<Tick> ticks, List<Tick> axis) {
    }

    private Timeline() {
    }

    static Drawing of(CallDetail call, Instant now, ZoneId zone, Formats formats) {
        Instant start = call.summary().startedAt();
        Instant end = call.summary().endedAt() != null ? call.summary().endedAt() : now;
        for (LoggedEvent e : call.events()) {
            end = later(end, e.at());
        }
        for (CallAttempt a : call.attempts()) {
            end = later(end, a.endedAt() == null ? now : a.endedAt());
        }
        double span = Math.max(1, Duration.between(start, end).toMillis());
        double scale = (WIDTH - LEFT - 10) / span;
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        bars.add(new Bar(TOP, LEFT, Math.max(2, span * scale), "caller", "caller",
                "call " + formats.time(start, zone) + " to " + formats.time(end, zone)));
        for (LoggedEvent e : call.events()) {
            ticks.add(new Tick(LEFT + Duration.between(start, e.at()).toMillis() * scale,
                    formats.time(e.at(), zone) + " " + e.type()));
        }
        int y = TOP;
        for (CallAttempt a : call.attempts()) {
            y += LANE;
            Instant ringEnd = a.endedAt() == null ? now : a.endedAt();
            double x = LEFT + Duration.between(start, a.startedAt()).toMillis() * scale;
            double width = Math.max(2, Duration.between(a.startedAt(), ringEnd).toMillis() * scale);
            String who = a.personName() == null ? a.personId() : a.personName();
            bars.add(new Bar(y, x, width, a.outcome() == null ? "ringing" : a.outcome().toLowerCase(),
                    who + (a.contactLabel() == null ? "" : " (" + a.contactLabel() + ")"),
                    formats.time(a.startedAt(), zone) + " to " + formats.time(a.endedAt(), zone) + " "
                            + (a.outcome() == null ? "ringing" : a.outcome())));
        }
        List<Tick> axis = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            axis.add(new Tick(LEFT + (WIDTH - LEFT - 10) * i / 4.0,
                    formats.time(start.plusMillis((long) (span * i / 4)), zone)));
        }
        return new Drawing(WIDTH, y + LANE + 30, LEFT, bars, ticks, axis);
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
