package org.afterhours.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With a certificate and key the console speaks HTTPS, and its session cookie is Secure. */
@Tag("clock")
class HttpsTest {

    @Test
    void with_a_certificate_and_key_the_console_is_https_and_its_cookies_are_secure() throws Exception {
        Path folder = Files.createDirectories(TestDatabases.targetDir("console-tls"));
        Path store = folder.resolve("console.p12");
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "console", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "36500", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        Certificate certificate = keys.getCertificate("console");
        PrivateKey key = (PrivateKey) keys.getKey("console", "changeit".toCharArray());
        Path certPem = folder.resolve("cert.pem");
        Path keyPem = folder.resolve("key.pem");
        Files.writeString(certPem, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));

        try (ConsoleFixture fixture = new ConsoleFixture()) {
            ConsoleSettings settings = new ConsoleSettings("127.0.0.1", 0, certPem, keyPem, java.util.List.of(fixture.recordings),
                    Set.of("Support Manager"), Duration.ofHours(1), Duration.ofSeconds(1));
            Console console = new Console(fixture.ruleBook, fixture.calls, new org.afterhours.db.JdbcConsolePasswords(
                    fixture.database.dataSource(), fixture.setup), fixture.repository.store(fixture.setup, () -> { }),
                    Clock.fixed(ConsoleFixture.NOW, ZoneOffset.UTC));
            ConsoleServer server = ConsoleServer.start(settings, console);
            try {
                assertTrue(server.address().startsWith("https://127.0.0.1:"), server.address());
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(keys);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, trust.getTrustManagers(), null);
                HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
                HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(server.address()
                        + "login")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, login.statusCode());
                String cookie = login.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("afterhours.session=")).findFirst().orElseThrow();
                assertTrue(cookie.contains("Secure"), cookie);
                assertTrue(login.headers().firstValue("Strict-Transport-Security").isPresent());
            } finally {
                server.close();
            }
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
