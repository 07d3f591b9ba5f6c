package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.afterhours.console.PasswordHashing;
import org.afterhours.db.JdbcConsolePasswords;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.db.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@Tag("clock")
class PasswordCommandTest {
    private RuleBookRepository repository;
    private String setup;

    @BeforeEach
    void ownSetup() throws Exception {
        repository = new RuleBookRepository(TestDatabases.shared().dataSource());
        setup = "pw-" + UUID.randomUUID().toString().substring(0, 18);
        repository.replace(setup, OnCallFile.read(Path.of("config/oncall.yaml")));
    }

    @AfterEach
    void cleanUp() throws Exception {
        repository.delete(setup);
        try (var c = TestDatabases.shared().dataSource().getConnection();
             var s = c.prepareStatement("DELETE FROM console_credential WHERE setup = ?")) {
            s.setString(1, setup);
            s.executeUpdate();
        }
    }

    @Test
    void the_password_is_stored_as_an_argon2id_hash_that_checks_it() {
        Object[] result = run("alice", "a long console password\n");
        assertEquals(0, result[0], (String) result[2]);
        assertTrue(((String) result[1]).contains("console password set for Alice Adams (alice)"));
        String hash = new JdbcConsolePasswords(TestDatabases.shared().dataSource(), setup).hash("alice").orElseThrow();
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertFalse(hash.contains("a long console password"));
        assertTrue(new PasswordHashing().matches("a long console password", hash));
        assertFalse(new PasswordHashing().matches("another password", hash));
    }

    @Test
    void an_unknown_person_or_a_short_password_changes_nothing() {
        Object[] unknown = run("mallory", "a long console password\n");
        assertEquals(1, unknown[0]);
        assertTrue(((String) unknown[2]).contains("no person 'mallory'"));
        Object[] shortOne = run("bob", "short\n");
        assertEquals(1, shortOne[0]);
        assertTrue(((String) shortOne[2]).contains("at least 10 characters"));
        assertTrue(new JdbcConsolePasswords(TestDatabases.shared().dataSource(), setup).hash("bob").isEmpty());
    }

    private Object[] run(String person, String stdin) {
        PasswordCommand command = new PasswordCommand();
        command.database = TestDatabases.shared();
        command.setupName = setup;
        command.input = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--stdin", person);
        return new Object[] {exit, out.toString(), err.toString()};
    }
}
