package org.afterhours.ami;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code Action: Originate} into the dialplan, always {@code Async: true}. Every value becomes an AMI header, so
 * none may span lines (a CR or LF would start a header of the caller's choosing); the rest of the checks are
 * Asterisk's own rules, so that a bad request fails here, with the field named, rather than as an Asterisk error.
 *
 * @param actionId  our id for the action; the later {@code OriginateResponse} event carries it back
 * @param channel   the dial string ({@code Channel:}), {@code tech/resource}
 * @param context   dialplan context the answered channel enters
 * @param exten     extension in that context (priority 1)
 * @param timeout   how long the channel may ring ({@code Timeout:}, sent in ms)
 * @param callerId  {@code CallerID:} as Asterisk parses it ({@code "name" <number>}), or null for none
 * @param variables channel variables ({@code Variable: name=value}); Asterisk splits a Variable header on ',', so a
 *                  value may not contain one
 * @param channelId the new channel's uniqueid ({@code ChannelId:}, Asterisk 13+): the channel can be found by it
 *                  (Hangup, Getvar) from the moment it exists, before it has been answered
 */
public record OriginateRequest(String actionId, String channel, String context, String exten, Duration timeout,
                               String callerId, Map<String, String> variables, String channelId) {
    /** AST_MAX_PUBLIC_UNIQUEID in include/asterisk/channel.h: a longer ChannelId is refused by action_originate. */
    public static final int MAX_CHANNEL_ID = 149;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public OriginateRequest {
        requireSingleLine("actionId", actionId);
        if (actionId.indexOf('#') >= 0) {
            // asterisk-java puts its own id before a '#' in every ActionID it sends and splits it off at the first '#'.
            throw new IllegalArgumentException("actionId may not contain '#': " + actionId);
        }
        requireSingleLine("channel", channel);
        if (channel.indexOf('/') <= 0 || channel.endsWith("/")) {
            throw new IllegalArgumentException("channel must be a dial string tech/resource, got '" + channel + "'");
        }
        requireSingleLine("context", context);
        requireSingleLine("exten", exten);
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (callerId != null && callerId.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("callerId spans lines");
        }
        requireSingleLine("channelId", channelId);
        if (channelId.length() > MAX_CHANNEL_ID || !CHANNEL_ID.matcher(channelId).matches()) {
            // A Hangup whose Channel starts with '/' is read as a regular expression: keep ids plain.
            throw new IllegalArgumentException("channelId must be 1-" + MAX_CHANNEL_ID
                    + " letters, digits, '.', '_' or '-' (not first), got '" + channelId + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("variable name must be letters, digits and '_', got '" + name + "'");
            }
            if (value == null || value.chars().anyMatch(c -> c == ',' || c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("variable " + name + " must not contain ',' or a line break");
            }
            copy.put(name, value);
        });
        variables = java.util.Collections.unmodifiableMap(copy);
    }

    private static void requireSingleLine(String field, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException(field + " is empty or spans lines");
        }
    }
}
