package org.afterhours.ami;

/**
 * A manager event as listeners see it, without asterisk-java's types.
 *
 * @param name     asterisk-java's event class without "Event": {@code NewChannel}, {@code NewState},
 *                 {@code Hangup}, {@code OriginateResponse}, {@code FullyBooted}, ...
 * @param channel  the {@code Channel:} header, or "" for events without one
 * @param uniqueId the {@code Uniqueid:} header, or ""
 * @param actionId the {@code ActionID:} of the action that caused it (OriginateResponse), or ""
 */
public record AmiEvent(String name, String channel, String uniqueId, String actionId) {
}
