package org.afterhours.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.afterhours.agi.server.AgiServerSettings;
import org.afterhours.ami.AmiSettings;
import org.afterhours.callflow.HoldSettings;
import org.afterhours.console.ConsoleSettings;
import org.afterhours.escalation.EscalationSettings;
import org.afterhours.callflow.FlowSettings;
import org.afterhours.callflow.OptionalPrompts;
import org.afterhours.db.DatabaseSettings;
import org.afterhours.dialout.ScreeningDialplan;

/**
 * The server's configuration, validated once at start and immutable after. Every key is documented in
 * {@code config/afterhours.properties}; {@link #KEYS} is the list the loader accepts.
 */
public record AfterhoursConfig(AgiServerSettings agi, DatabaseSettings database, Path dataDir, int nodeId,
                               FlowSettings flow, OnCallSettings oncall, AmiSettings ami,
                               EscalationSettings escalation, HoldSettings hold, PromptSettings prompts,
                               ConsoleSettings console, String screenContext, String nodeUrl,
                               AfterCallConfig afterCall, int warmUpCalls) {
    static final String NODE_URL = "agi.node-url";
    /** Information calls played through the call flow before the FastAGI port opens ({@link WarmUp}). */
    static final String WARM_UP_CALLS = "agi.warm-up-calls";

    static final Set<String> KEYS = keys(Set.of("agi.bind", "agi.port", NODE_URL, WARM_UP_CALLS, "agi.allowed-clients", "agi.max-line-length",
            "agi.max-environment-lines", "agi.max-environment-bytes", "agi.max-concurrent-calls",
            "agi.shutdown-grace-seconds", "agi.status-variable", "data.dir", "db.url", "db.user",
            "db.embedded.port", "node.id", "flow.menu-tries", "flow.key-timeout-seconds",
            "flow.voicemail-max-seconds", "flow.voicemail-silence-seconds", "flow.recording-directory",
            "flow.recording-format", "flow.transfer-dial-template", "flow.transfer-ring-seconds", "flow.default-line",
            "flow.allow-simulated-time", "flow.recording-fallback-directory",
            OnCallSettings.SETUP, OnCallSettings.SEED_FILE, OnCallSettings.REFRESH_SECONDS,
            "ami.host", "ami.port", "ami.username", "escalation.screening-timeout-seconds",
            "escalation.screen-context", "escalation.caller-id-number", "escalation.alert-roles",
            "escalation.alert-ring-seconds", "hold.announcement-seconds", "hold.music-class",
            "console.bind", "console.port", "console.certificate", "console.private-key", "console.manager-roles",
            "console.session-hours", PromptSettings.SOUNDS_DIRECTORY, PromptSettings.DECLARED), AfterCallConfig.KEYS);
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Reads {@code file} (may be null: defaults only) and the environment; throws {@link ConfigException}. */
    public static AfterhoursConfig load(Path file, Map<String, String> environment) {
        ConfigSource source = ConfigSource.load(file, environment, KEYS);
        AgiServerSettings defaults = AgiServerSettings.defaults();
        AgiServerSettings agi = new AgiServerSettings(
                address(source, "agi.bind", defaults.bindAddress()),
                integer(source, "agi.port", defaults.port(), 0, 65535),
                clients(source, "agi.allowed-clients", defaults.allowedClients()),
                integer(source, "agi.max-line-length", defaults.maxLineLength(), 256, 1 << 20),
                integer(source, "agi.max-environment-lines", defaults.maxEnvironmentLines(), 16, 10_000),
                integer(source, "agi.max-environment-bytes", defaults.maxEnvironmentBytes(), 1024, 1 << 20),
                integer(source, "agi.max-concurrent-calls", defaults.maxConcurrentCalls(), 1, 1_000_000),
                Duration.ofSeconds(integer(source, "agi.shutdown-grace-seconds",
                        (int) defaults.shutdownGrace().toSeconds(), 0, 3600)),
                variableName(source, "agi.status-variable", defaults.statusVariable()));
        Path dataDir = Path.of(source.get("data.dir", "data"));
        String url = source.get("db.url", "");
        DatabaseSettings database;
        if (url.isEmpty()) {
            database = new DatabaseSettings(null, null, null, dataDir,
                    integer(source, "db.embedded.port", 0, 0, 65535), "afterhours");
        } else {
            if (!url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:")) {
                throw new ConfigException("db.url", "expected a jdbc:mariadb://host:port/database URL");
            }
            database = DatabaseSettings.external(url, source.get("db.user", "root"), source.get("db.password", ""));
        }
        FlowSettings flow = flow(source);
        return new AfterhoursConfig(agi, database, dataDir, integer(source, "node.id", 0, 0, 9), flow,
                OnCallSettings.from(source), ami(source), escalation(source), hold(source), prompts(source),
                console(source, flow), screenContext(source), nodeUrl(source, agi), AfterCallConfig.from(source),
                integer(source, WARM_UP_CALLS, 200, 0, 100_000));
    }

    private static Set<String> keys(Set<String> core, Set<String> afterCall) {
        Set<String> all = new java.util.HashSet<>(core);
        all.addAll(afterCall);
        return Set.copyOf(all);
    }

    /** The web console; HTTPS when both a certificate and its key are named, and both must be readable. */
    private static ConsoleSettings console(ConfigSource source, FlowSettings flow) {
        ConsoleSettings defaults = ConsoleSettings.defaults(flow.recordingDirectories().stream().map(Path::of)
                .toList());
        Path certificate = readableFile(source, "console.certificate");
        Path key = readableFile(source, "console.private-key");
        if ((certificate == null) != (key == null)) {
            throw new ConfigException(certificate == null ? "console.certificate" : "console.private-key",
                    "HTTPS needs both console.certificate and console.private-key (PEM files); set both or neither");
        }
        Set<String> managerRoles = Arrays.stream(source.get("console.manager-roles",
                String.join(",", defaults.managerRoles())).split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
        return new ConsoleSettings(address(source, "console.bind", defaults.bindAddress()),
                integer(source, "console.port", defaults.port(), 0, 65535), certificate, key,
                defaults.recordingDirectories(), managerRoles,
                Duration.ofHours(integer(source, "console.session-hours", (int) defaults.sessionTimeout().toHours(),
                        1, 24 * 7)), defaults.liveRefresh());
    }

    private static Path readableFile(ConfigSource source, String key) {
        String text = source.get(key, "");
        if (text.isEmpty()) {
            return null;
        }
        Path path = Path.of(text);
        if (!java.nio.file.Files.isReadable(path)) {
            throw new ConfigException(key, "cannot read " + path);
        }
        return path;
    }

    private static String screenContext(ConfigSource source) {
        String context = source.get("escalation.screen-context", ScreeningDialplan.DEFAULT_CONTEXT);
        if (!context.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException("escalation.screen-context", "must be a dialplan context name, got '"
                    + context + "'");
        }
        return context;
    }

    /**
     * This node's FastAGI URL as Asterisk reaches it, put on every leg it originates. Unset: agi://bind:port, the
     * port as bound when it is 0 (empty here then); a node listening on every address must say which one.
     */
    private static String nodeUrl(ConfigSource source, AgiServerSettings agi) {
        String url = source.get(NODE_URL, "").trim();
        if (!url.isEmpty()) {
            if (!ScreeningDialplan.isNodeUrl(url)) {
                throw new ConfigException(NODE_URL, "must be agi://host:port (a host name or IP address), got '"
                        + url + "'");
            }
            return url;
        }
        String bind = agi.bindAddress();
        try {
            if (InetAddress.getByName(bind).isAnyLocalAddress()) {
                throw new ConfigException(NODE_URL, "must be set when agi.bind is " + bind + " (every address): the"
                        + " agi://host:port at which Asterisk reaches this node, e.g. agi://10.0.0.11:4573");
            }
        } catch (UnknownHostException e) {
            throw new ConfigException("agi.bind", "must be an IP address, got '" + bind + "'");
        }
        return agi.port() == 0 ? "" : nodeUrl(bind, agi.port());
    }

    /** agi://bind:port, an IPv6 address in brackets. */
    static String nodeUrl(String bind, int port) {
        return "agi://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + port;
    }

    /** Prompts rendered for lines and people: where to list them, and those declared by hand. */
    private static PromptSettings prompts(ConfigSource source) {
        PromptSettings defaults = PromptSettings.defaults();
        String folder = source.get(PromptSettings.SOUNDS_DIRECTORY, defaults.soundsDirectory().toString());
        if (!folder.startsWith("/")) {
            throw new ConfigException(PromptSettings.SOUNDS_DIRECTORY,
                    "must be an absolute path (Asterisk's sounds folder for the language), got '" + folder + "'");
        }
        List<String> declared = new ArrayList<>();
        for (String name : source.get(PromptSettings.DECLARED, "").split(",")) {
            String prompt = name.strip();
            if (prompt.isEmpty()) {
                continue;
            }
            if (!OptionalPrompts.isOptional(prompt) || !prompt.matches("[A-Za-z0-9_./-]+") || prompt.contains("..")) {
                throw new ConfigException(PromptSettings.DECLARED, "each must be a prompt rendered for a line or a"
                        + " person, such as afterhours/lines/main/email or afterhours/people/alice/name, got '"
                        + prompt + "'");
            }
            declared.add(prompt);
        }
        return new PromptSettings(Path.of(folder), declared);
    }

    /** Asterisk's manager interface; the secret only from AFTERHOURS_AMI_SECRET (empty: AMI is not set up). */
    private static EscalationSettings escalation(ConfigSource source) {
        EscalationSettings defaults = EscalationSettings.defaults();
        String number = source.get("escalation.caller-id-number", defaults.callerIdNumber());
        if (!number.matches("\\+?[0-9]*")) {
            throw new ConfigException("escalation.caller-id-number", "must be digits (a leading + allowed), got '"
                    + number + "'");
        }
        List<String> roles = Arrays.stream(source.get("escalation.alert-roles",
                String.join(",", defaults.alertRoles())).split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .toList();
        return new EscalationSettings(
                Duration.ofSeconds(integer(source, "escalation.screening-timeout-seconds",
                        (int) defaults.screeningTimeout().toSeconds(), 5, 120)),
                number, roles,
                Duration.ofSeconds(integer(source, "escalation.alert-ring-seconds",
                        (int) defaults.alertRingTimeout().toSeconds(), 5, 120)));
    }

    private static HoldSettings hold(ConfigSource source) {
        String musicClass = source.get("hold.music-class", "");
        if (!musicClass.isEmpty() && !musicClass.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException("hold.music-class", "must be a class name from musiconhold.conf, got '"
                    + musicClass + "'");
        }
        return new HoldSettings(Duration.ofSeconds(integer(source, "hold.announcement-seconds",
                (int) HoldSettings.defaults().announcementEvery().toSeconds(), 15, 300)),
                musicClass.isEmpty() ? null : musicClass);
    }

    private static AmiSettings ami(ConfigSource source) {
        String host = source.get("ami.host", "127.0.0.1");
        if (!host.matches("[A-Za-z0-9.:-]+")) {
            throw new ConfigException("ami.host", "must be an IP address or host name, got '" + host + "'");
        }
        String username = source.get("ami.username", "afterhours");
        if (!username.matches("[A-Za-z0-9._@-]+")) {
            throw new ConfigException("ami.username", "must be a user of Asterisk's manager.conf (letters, digits, "
                    + "'.', '_', '@', '-'), got '" + username + "'");
        }
        return new AmiSettings(host, integer(source, "ami.port", AmiSettings.DEFAULT_PORT, 1, 65535), username,
                source.get("ami.secret", ""));
    }

    private static FlowSettings flow(ConfigSource source) {
        FlowSettings defaults = FlowSettings.defaults();
        String recordings = recordingFolder(source, "flow.recording-directory", defaults.recordingDirectory());
        String fallbackRecordings = source.get("flow.recording-fallback-directory", "").isBlank() ? ""
                : recordingFolder(source, "flow.recording-fallback-directory", "");
        String format = source.get("flow.recording-format", defaults.recordingFormat());
        if (!format.matches("wav|WAV|gsm|ulaw|alaw|sln|sln16|g722|wav49")) {
            throw new ConfigException("flow.recording-format", "must be a format Asterisk records, such as wav or "
                    + "gsm, got '" + format + "'");
        }
        String template = source.get("flow.transfer-dial-template", defaults.transferDialTemplate());
        if (!template.contains("{number}") || !template.matches("[A-Za-z0-9_/@{}.+-]+")) {
            throw new ConfigException("flow.transfer-dial-template",
                    "must be a dial string containing {number}, e.g. PJSIP/{number}@trunk, got '" + template + "'");
        }
        String defaultLine = source.get("flow.default-line", "");
        return new FlowSettings(
                integer(source, "flow.menu-tries", defaults.menuTries(), 1, 9),
                Duration.ofSeconds(integer(source, "flow.key-timeout-seconds",
                        (int) defaults.keyTimeout().toSeconds(), 1, 60)),
                Duration.ofSeconds(integer(source, "flow.voicemail-max-seconds",
                        (int) defaults.voicemailMaxLength().toSeconds(), 10, 3600)),
                Duration.ofSeconds(integer(source, "flow.voicemail-silence-seconds",
                        (int) defaults.voicemailSilence().toSeconds(), 0, 60)),
                recordings,
                format,
                template,
                Duration.ofSeconds(integer(source, "flow.transfer-ring-seconds",
                        (int) defaults.transferRingTime().toSeconds(), 5, 300)),
                defaultLine.isEmpty() ? null : defaultLine,
                bool(source, "flow.allow-simulated-time", false),
                fallbackRecordings);
    }

    /** A folder on the Asterisk host: it goes into RECORD FILE's argument, so only plain path characters. */
    private static String recordingFolder(ConfigSource source, String key, String fallback) {
        String folder = source.get(key, fallback).trim();
        if (!folder.matches("/[A-Za-z0-9_./-]*") || folder.contains("..")) {
            throw new ConfigException(key,
                    "must be an absolute path on the Asterisk host (letters, digits, _ . / -), got '" + folder + "'");
        }
        return folder.length() > 1 && folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    }

    static int integer(ConfigSource source, String key, int fallback, int min, int max) {
        String text = source.get(key, Integer.toString(fallback));
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number, got '" + text + "'");
        }
    }

    static boolean bool(ConfigSource source, String key, boolean fallback) {
        String text = source.get(key, Boolean.toString(fallback));
        if (!text.equals("true") && !text.equals("false")) {
            throw new ConfigException(key, "must be true or false, got '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private static String address(ConfigSource source, String key, String fallback) {
        String text = source.get(key, fallback);
        if (!text.matches("[0-9a-fA-F.:]+")) {
            throw new ConfigException(key, "must be an IP address, got '" + text + "'");
        }
        try {
            InetAddress.getByName(text);
            return text;
        } catch (UnknownHostException e) {
            throw new ConfigException(key, "must be an IP address, got '" + text + "'");
        }
    }

    private static List<String> clients(ConfigSource source, String key, List<String> fallback) {
        String text = source.get(key, String.join(",", fallback));
        List<String> blocks = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (blocks.isEmpty()) {
            throw new ConfigException(key, "name at least one address or CIDR block, e.g. 127.0.0.1/32");
        }
        for (String block : blocks) {
            String[] parts = block.split("/", -1);
            boolean v6 = parts[0].contains(":");
            try {
                if (!parts[0].matches("[0-9a-fA-F.:]+")) {
                    throw new UnknownHostException(parts[0]);
                }
                InetAddress.getByName(parts[0]);
                if (parts.length > 2 || (parts.length == 2
                        && (Integer.parseInt(parts[1]) < 0 || Integer.parseInt(parts[1]) > (v6 ? 128 : 32)))) {
                    throw new NumberFormatException();
                }
            } catch (UnknownHostException | NumberFormatException e) {
                throw new ConfigException(key, "'" + block + "' is not an address or CIDR block such as 10.0.0.0/8");
            }
        }
        return blocks;
    }

    private static String variableName(ConfigSource source, String key, String fallback) {
        String text = source.get(key, fallback);
        if (!VARIABLE_NAME.matcher(text).matches()) {
            throw new ConfigException(key, "must be a channel variable name (letters, digits, _), got '" + text + "'");
        }
        return text;
    }
}
