package org.afterhours.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.afterhours.followup.AcknowledgeLinks;
import org.afterhours.followup.AfterCallSettings;
import org.afterhours.followup.MessageStep;
import org.afterhours.notify.EmailSettings;
import org.afterhours.notify.WebhookSettings;

/**
 * What happens after the call: the clocks ({@code followup.*}) and the channels that tell people ({@code notify.*}).
 * Secrets (SMTP password, webhook URL, link-signing key) come only from the environment.
 *
 * @param links empty when no console address or no signing key is set: notices then carry no one-click link
 */
record AfterCallConfig(AfterCallSettings clocks, Duration pollInterval, String helpdeskEmail,
                       Optional<AcknowledgeLinks> links, Optional<EmailSettings> email,
                       Optional<WebhookSettings> webhook) {

    static final Set<String> KEYS = Set.of("followup.message-steps", "followup.message-breach-minutes",
            "followup.due-hours", "followup.reminder-hours", "followup.non-emergency",
            "followup.emergency-response-minutes", "followup.manager-role", "followup.breach-roles",
            "followup.poll-seconds", "followup.helpdesk-email", "followup.coverage-hour-utc", "followup.coverage-days",
            "followup.link-base-url", "followup.link-valid-hours",
            "notify.smtp-host", "notify.smtp-port", "notify.smtp-security", "notify.smtp-user", "notify.from",
            "notify.recordings-folder", "notify.attach-max-kb", "notify.timeout-seconds", "notify.webhook-attempts");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+");

    static AfterCallConfig from(ConfigSource source) {
        AfterCallSettings d = AfterCallSettings.DEFAULTS;
        List<MessageStep> steps;
        try {
            steps = MessageStep.parseAll(source.get("followup.message-steps",
                    "15 secondary; 30 Hosted Administrator; 45 Support Manager"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("followup.message-steps", e.getMessage());
        }
        AfterCallSettings clocks;
        try {
            clocks = new AfterCallSettings(steps,
                    Duration.ofMinutes(AfterhoursConfig.integer(source, "followup.message-breach-minutes",
                            (int) d.messageBreach().toMinutes(), 5, 24 * 60)),
                    Duration.ofHours(AfterhoursConfig.integer(source, "followup.due-hours",
                            (int) d.followUpDue().toHours(), 1, 24 * 14)),
                    Duration.ofHours(AfterhoursConfig.integer(source, "followup.reminder-hours",
                            (int) d.followUpReminder().toHours(), 0, 24 * 14)),
                    AfterhoursConfig.bool(source, "followup.non-emergency", false),
                    Duration.ofMinutes(AfterhoursConfig.integer(source, "followup.emergency-response-minutes",
                            (int) d.emergencyResponse().toMinutes(), 1, 24 * 60)),
                    d.responseSettle(),
                    role(source, "followup.manager-role", d.managerRole()),
                    roles(source, "followup.breach-roles", d.breachRoles()),
                    AfterhoursConfig.integer(source, "followup.coverage-hour-utc", d.coverageHourUtc(), 0, 23),
                    Duration.ofDays(AfterhoursConfig.integer(source, "followup.coverage-days",
                            (int) d.coverageWindow().toDays(), 1, 90)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("followup.message-steps", e.getMessage()
                    + " (followup.message-breach-minutes, followup.reminder-hours and followup.due-hours must agree)");
        }
        Duration poll = Duration.ofSeconds(AfterhoursConfig.integer(source, "followup.poll-seconds", 5, 1, 300));
        String helpdesk = email(source, "followup.helpdesk-email", "");
        return new AfterCallConfig(clocks, poll, helpdesk, links(source), emailSettings(source),
                webhook(source));
    }

    private static Optional<AcknowledgeLinks> links(ConfigSource source) {
        String base = source.get("followup.link-base-url", "");
        String key = source.get("followup.link-signing-key", "");
        int hours = AfterhoursConfig.integer(source, "followup.link-valid-hours", 24, 1, 24 * 14);
        if (base.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        if (!base.matches("https?://[A-Za-z0-9.:\\[\\]-]+(/[A-Za-z0-9._~/-]*)?")) {
            throw new ConfigException("followup.link-base-url", "must be the console's http(s) address, e.g. "
                    + "https://afterhours.example.com, got '" + base + "'");
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new ConfigException("followup.link-signing-key", "AFTERHOURS_FOLLOWUP_LINK_SIGNING_KEY must be at "
                    + "least 32 characters (e.g. openssl rand -hex 32)");
        }
        return Optional.of(new AcknowledgeLinks(bytes, base, Duration.ofHours(hours)));
    }

    private static Optional<EmailSettings> emailSettings(ConfigSource source) {
        String securityText = source.get("notify.smtp-security", "starttls");
        EmailSettings.Security security;
        try {
            security = EmailSettings.Security.valueOf(securityText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("notify.smtp-security", "must be starttls, tls or none, got '" + securityText
                    + "'");
        }
        String host = source.get("notify.smtp-host", "");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (!host.matches("[A-Za-z0-9.:-]+")) {
            throw new ConfigException("notify.smtp-host", "must be a host name or address, got '" + host + "'");
        }
        String folder = source.get("notify.recordings-folder", "");
        return Optional.of(new EmailSettings(host,
                AfterhoursConfig.integer(source, "notify.smtp-port", 587, 1, 65535), security,
                source.get("notify.smtp-user", ""), source.get("notify.smtp-password", ""),
                email(source, "notify.from", "afterhours@localhost"),
                folder.isEmpty() ? Optional.empty() : Optional.of(Path.of(folder)),
                AfterhoursConfig.integer(source, "notify.attach-max-kb", 10_240, 0, 50 * 1024) * 1024L,
                Duration.ofSeconds(AfterhoursConfig.integer(source, "notify.timeout-seconds", 20, 1, 300))));
    }

    private static Optional<WebhookSettings> webhook(ConfigSource source) {
        String url = source.get("notify.webhook-url", "");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WebhookSettings(URI.create(url),
                    Duration.ofSeconds(AfterhoursConfig.integer(source, "notify.timeout-seconds", 20, 1, 300)),
                    AfterhoursConfig.integer(source, "notify.webhook-attempts", 4, 1, 10), Duration.ofSeconds(2)));
        } catch (IllegalArgumentException e) {
            // The URL is the secret: say what is wrong, never what it is.
            throw new ConfigException("notify.webhook-url", "AFTERHOURS_NOTIFY_WEBHOOK_URL must be an http(s) URL");
        }
    }

    private static String email(ConfigSource source, String key, String fallback) {
        String text = source.get(key, fallback);
        if (!text.isEmpty() && !EMAIL.matcher(text).matches()) {
            throw new ConfigException(key, "must be one email address, got '" + text + "'");
        }
        return text;
    }

    private static String role(ConfigSource source, String key, String fallback) {
        String text = source.get(key, fallback);
        if (text.isBlank() || text.contains(",")) {
            throw new ConfigException(key, "must name one role, got '" + text + "'");
        }
        return text;
    }

    private static List<String> roles(ConfigSource source, String key, List<String> fallback) {
        List<String> roles = Arrays.stream(source.get(key, String.join(",", fallback)).split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).toList();
        if (roles.isEmpty()) {
            throw new ConfigException(key, "name at least one role, e.g. Support Manager");
        }
        return roles;
    }
}
