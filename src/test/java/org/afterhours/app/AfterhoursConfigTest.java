package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("clock")
class AfterhoursConfigTest {
    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path file = dir.resolve("afterhours.properties");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void the_checked_in_sample_is_valid_and_means_the_documented_defaults() {
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of());
        assertEquals("127.0.0.1", config.agi().bindAddress());
        assertEquals(4573, config.agi().port());
        assertEquals(List.of("127.0.0.1/32", "::1/128"), config.agi().allowedClients());
        assertEquals(10_000, config.agi().maxConcurrentCalls());
        assertEquals(Duration.ofSeconds(30), config.agi().shutdownGrace());
        assertEquals("AFTERHOURS_STATUS", config.agi().statusVariable());
        assertNull(config.database().url(), "no URL: the embedded MariaDB");
        assertEquals(Path.of("data"), config.dataDir());
        assertEquals(new org.afterhours.ami.AmiSettings("127.0.0.1", 5038, "afterhours", ""), config.ami());
        assertTrue(!config.ami().hasSecret(), "no AFTERHOURS_AMI_SECRET: AMI is not set up");
        assertEquals("127.0.0.1", config.console().bindAddress());
        assertEquals(8080, config.console().port());
        assertTrue(!config.console().https(), "no certificate: plain HTTP on loopback");
        assertEquals(java.util.Set.of("Support Manager", "Hosted Administrator"), config.console().managerRoles());
        assertEquals(List.of(Path.of("/var/spool/asterisk/afterhours")), config.console().recordingDirectories());
        assertEquals(Duration.ofHours(12), config.console().sessionTimeout());
        assertEquals("agi://127.0.0.1:4573", config.nodeUrl(), "legs name this node by its bind address and port");
        assertEquals("afterhours-screen", config.screenContext());
    }

    @Test
    void https_needs_both_the_certificate_and_its_key() throws IOException {
        Path certificate = Files.createTempFile(TestDatabases.targetDir("tmp"), "cert", ".pem");
        ConfigException e = assertThrows(ConfigException.class, () -> AfterhoursConfig.load(
                file("console.certificate = " + certificate), Map.of()));
        assertTrue(e.getMessage().startsWith("console.private-key: HTTPS needs both"), e.getMessage());
    }

    @Test
    void a_node_listening_on_every_address_must_say_how_asterisk_reaches_it() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AfterhoursConfig.load(file("agi.bind = 0.0.0.0"), Map.of()));
        assertTrue(e.getMessage().startsWith("agi.node-url: must be set when agi.bind is 0.0.0.0"), e.getMessage());

        AfterhoursConfig config = AfterhoursConfig.load(file("agi.bind = 0.0.0.0", "agi.node-url = agi://10.0.0.11:4573"),
                Map.of());
        assertEquals("agi://10.0.0.11:4573", config.nodeUrl());
    }

    @Test
    void the_ami_secret_comes_from_the_environment_and_stays_out_of_log_lines() {
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                "AFTERHOURS_AMI_SECRET", "0f3e9a", "AFTERHOURS_AMI_HOST", "10.0.0.5"));
        assertEquals("0f3e9a", config.ami().secret());
        assertEquals("10.0.0.5:5038", config.ami().address());
        assertTrue(!config.ami().toString().contains("0f3e9a"), config.ami().toString());
    }

    @Test
    void environment_variables_override_the_file() throws IOException {
        AfterhoursConfig config = AfterhoursConfig.load(file("agi.port = 4573"), Map.of(
                "AFTERHOURS_AGI_PORT", "5000",
                "AFTERHOURS_AGI_MAX_CONCURRENT_CALLS", "20",
                "AFTERHOURS_DB_URL", "jdbc:mariadb://127.0.0.1:3306/test",
                "AFTERHOURS_DB_USER", "afterhours",
                "AFTERHOURS_DB_PASSWORD", "s3cret"));
        assertEquals(5000, config.agi().port());
        assertEquals(20, config.agi().maxConcurrentCalls());
        assertEquals("jdbc:mariadb://127.0.0.1:3306/test", config.database().url());
        assertEquals("afterhours", config.database().user());
        assertEquals("s3cret", config.database().password());
        assertTrue(!config.database().toString().contains("s3cret"), "the password never reaches a log line");
    }

    @Test
    void a_database_url_may_name_every_member_of_a_cluster_in_the_order_to_try_them() throws IOException {
        String url = "jdbc:mariadb:sequential://db-a.example:3306,db-b.example:3306,db-c.example:3306/afterhours"
                + "?connectTimeout=3000&galeraAllowedState=4";
        AfterhoursConfig config = AfterhoursConfig.load(file("db.url = " + url), Map.of());
        assertEquals(url, config.database().url());
        assertTrue(!config.database().isEmbedded());
    }

    @ParameterizedTest(name = "{0} = {1} is refused naming the key")
    @CsvSource(delimiter = '|', value = {
            "agi.port | 70000 | agi.port: must be between 0 and 65535, got 70000",
            "agi.port | forty | agi.port: must be a whole number, got 'forty'",
            "agi.bind | example.com | agi.bind: must be an IP address, got 'example.com'",
            "agi.allowed-clients | 10.0.0.0/33 | agi.allowed-clients: '10.0.0.0/33' is not an address or CIDR block",
            "agi.allowed-clients | ' , ' | agi.allowed-clients: name at least one address",
            "agi.max-concurrent-calls | 0 | agi.max-concurrent-calls: must be between 1 and",
            "agi.status-variable | A B | agi.status-variable: must be a channel variable name",
            "db.url | postgres://x | db.url: expected a jdbc:mariadb://",
            "agi.prot | 4573 | agi.prot: unknown key",
            "db.password | hunter2 | db.password: secrets are read only from the environment variable "
                    + "AFTERHOURS_DB_PASSWORD",
            "ami.secret | hunter2 | ami.secret: secrets are read only from the environment variable "
                    + "AFTERHOURS_AMI_SECRET",
            "ami.port | 0 | ami.port: must be between 1 and 65535, got 0",
            "agi.node-url | agi://10.0.0.11:4573,x | agi.node-url: must be agi://host:port",
            "agi.node-url | http://10.0.0.11 | agi.node-url: must be agi://host:port",
            "ami.host | pbx local | ami.host: must be an IP address or host name, got 'pbx local'",
            "ami.username | after hours | ami.username: must be a user of Asterisk's manager.conf",
            "followup.message-steps | 15 | followup.message-steps: '15' is not <minutes> <who>",
            "followup.message-steps | 30 secondary; 15 Support Manager | followup.message-steps: message steps must "
                    + "come in increasing minutes",
            "followup.message-steps | 15 secondary; 75 Support Manager | followup.message-steps: every message step "
                    + "must come before the breach",
            "followup.reminder-hours | 30 | followup.message-steps: the follow-up reminder must come before",
            "followup.helpdesk-email | help desk | followup.helpdesk-email: must be one email address",
            "followup.breach-roles | ' , ' | followup.breach-roles: name at least one role",
            "followup.link-signing-key | hunter2 | followup.link-signing-key: secrets are read only from the "
                    + "environment variable AFTERHOURS_FOLLOWUP_LINK_SIGNING_KEY",
            "notify.smtp-password | hunter2 | notify.smtp-password: secrets are read only from the environment",
            "notify.webhook-url | https://hooks.example.com/hunter2 | notify.webhook-url: secrets are read only",
            "notify.smtp-security | ssl | notify.smtp-security: must be starttls, tls or none, got 'ssl'",
            "console.port | 80000 | console.port: must be between 0 and 65535, got 80000",
            "console.bind | localhost | console.bind: must be an IP address, got 'localhost'",
            "console.certificate | /nowhere/cert.pem | console.certificate: cannot read /nowhere/cert.pem",
            "console.session-hours | 0 | console.session-hours: must be between 1 and 168, got 0",
    })
    void a_bad_value_stops_the_start_with_a_message_naming_the_key(String key, String value, String message)
            throws IOException {
        Path config = file(key + " = " + value);
        ConfigException e = assertThrows(ConfigException.class, () -> AfterhoursConfig.load(config, Map.of()));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertTrue(!e.getMessage().contains("hunter2"), "a misplaced secret is not echoed");
    }

    @Test
    void after_the_call_defaults_to_the_procedures_clocks_and_only_the_log_channel() {
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of());
        assertEquals(org.afterhours.followup.AfterCallSettings.DEFAULTS, config.afterCall().clocks());
        assertTrue(config.afterCall().email().isEmpty());
        assertTrue(config.afterCall().webhook().isEmpty());
        assertTrue(config.afterCall().links().isEmpty());
    }

    @Test
    void smtp_webhook_and_links_are_set_up_from_the_environment_and_their_secrets_stay_out_of_log_lines() {
        AfterhoursConfig config = AfterhoursConfig.load(Path.of("config/afterhours.properties"), Map.of(
                "AFTERHOURS_NOTIFY_SMTP_HOST", "smtp.example.com",
                "AFTERHOURS_NOTIFY_SMTP_USER", "relay",
                "AFTERHOURS_NOTIFY_SMTP_PASSWORD", "hunter2",
                "AFTERHOURS_NOTIFY_WEBHOOK_URL", "https://hooks.example.com/services/hunter2",
                "AFTERHOURS_FOLLOWUP_LINK_BASE_URL", "https://afterhours.example.com",
                "AFTERHOURS_FOLLOWUP_LINK_SIGNING_KEY", "k".repeat(32)));
        assertEquals("hunter2", config.afterCall().email().orElseThrow().password());
        assertEquals("smtp smtp.example.com:587 STARTTLS as relay", config.afterCall().email().orElseThrow().toString());
        assertTrue(!config.afterCall().webhook().orElseThrow().toString().contains("hunter2"));
        assertTrue(config.afterCall().links().isPresent());
        ConfigException shortKey = assertThrows(ConfigException.class, () -> AfterhoursConfig.load(null, Map.of(
                "AFTERHOURS_FOLLOWUP_LINK_BASE_URL", "https://afterhours.example.com",
                "AFTERHOURS_FOLLOWUP_LINK_SIGNING_KEY", "short")));
        assertTrue(shortKey.getMessage().startsWith("followup.link-signing-key: "), shortKey.getMessage());
        assertTrue(!shortKey.getMessage().contains("short"), "the key is not echoed");
        ConfigException badUrl = assertThrows(ConfigException.class, () -> AfterhoursConfig.load(null, Map.of(
                "AFTERHOURS_NOTIFY_WEBHOOK_URL", "ftp://hooks.example.com/hunter2")));
        assertTrue(!badUrl.getMessage().contains("hunter2"), badUrl.getMessage());
    }

    @Test
    void a_bad_value_from_the_environment_names_the_key_too() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AfterhoursConfig.load(null, Map.of("AFTERHOURS_AGI_PORT", "-1")));
        assertEquals("agi.port: must be between 0 and 65535, got -1", e.getMessage());
    }

    @Test
    void a_second_recording_folder_is_tried_after_the_first_and_must_be_a_plain_absolute_path() {
        AfterhoursConfig config = AfterhoursConfig.load(null,
                Map.of("AFTERHOURS_FLOW_RECORDING_FALLBACK_DIRECTORY", "/var/lib/asterisk/afterhours-messages/"));
        assertEquals(List.of("/var/spool/asterisk/afterhours", "/var/lib/asterisk/afterhours-messages"),
                config.flow().recordingDirectories());
        assertEquals(List.of("/var/spool/asterisk/afterhours"),
                AfterhoursConfig.load(null, Map.of()).flow().recordingDirectories(), "none by default");

        ConfigException e = assertThrows(ConfigException.class, () -> AfterhoursConfig.load(null,
                Map.of("AFTERHOURS_FLOW_RECORDING_FALLBACK_DIRECTORY", "spool\" s=1")));
        assertTrue(e.getMessage().startsWith("flow.recording-fallback-directory: must be an absolute path"),
                e.getMessage());
    }

    @Test
    void the_cli_reports_a_configuration_error_and_exits_2() throws IOException {
        Path config = file("agi.port = nope");
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = Main.commandLine().setErr(new java.io.PrintWriter(err))
                .execute("migrate", "--config", config.toString());
        assertEquals(2, exit);
        assertTrue(err.toString().contains("configuration error: agi.port: must be a whole number"), err.toString());
    }
}
