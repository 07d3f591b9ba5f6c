package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void theEmbeddedDefaultIsRootOnAFreePortInTheAfterhoursDatabase() {
        DatabaseSettings s = DatabaseSettings.embedded(Path.of("data"));

        assertTrue(s.isEmbedded());
        assertEquals("root", s.user());
        assertEquals(0, s.embeddedPort());
        assertEquals("afterhours", s.embeddedDatabaseName());
    }

    @Test
    void toStringNeverShowsThePasswordNorOneInsideTheUrl() {
        DatabaseSettings s = DatabaseSettings.external(
                "jdbc:mariadb://db.example:3306/afterhours?user=app&password=s3cr3t-in-url&sslMode=verify-full",
                "app", "s3cr3t-field");

        String shown = s.toString();

        assertFalse(shown.contains("s3cr3t"), shown);
        assertTrue(shown.contains("db.example:3306/afterhours"), shown);
        assertTrue(shown.contains("sslMode=verify-full"), shown);
    }

    @Test
    void userInfoInTheUrlIsMaskedToo() {
        DatabaseSettings s = DatabaseSettings.external("jdbc:mariadb://app:s3cr3t@db.example/afterhours", "app", null);

        assertEquals("jdbc:mariadb://***@db.example/afterhours", s.redactedUrl());
    }

    @Test
    void theDatabaseNameMustBeAPlainIdentifier() {
        assertThrows(IllegalArgumentException.class,
                () -> new DatabaseSettings(null, "root", "", Path.of("data"), 0, "x`; DROP DATABASE mysql; --"));
    }
}
