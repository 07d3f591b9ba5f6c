package org.afterhours.oncall;

/** Whether a line's helpdesk is open, and why: {@code closed: holiday Thanksgiving}. */
public record OpenStatus(boolean open, String reason) {
    static OpenStatus open(String why) {
        return new OpenStatus(true, why);
    }

    static OpenStatus closed(String why) {
        return new OpenStatus(false, why);
    }
}
