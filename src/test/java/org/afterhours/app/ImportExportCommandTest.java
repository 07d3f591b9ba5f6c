package org.afterhours.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.db.TestDatabases;
import org.afterhours.oncall.OnCallSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@Tag("clock")
class ImportExportCommandTest {
    private RuleBookRepository repository;
    private String setup;
    private Path folder;

    @BeforeEach
    void ownSetupAndFolder() throws Exception {
        repository = new RuleBookRepository(TestDatabases.shared().dataSource());
        setup = "test-" + UUID.randomUUID().toString().substring(0, 18);
        folder = Files.createDirectories(TestDatabases.targetDir("oncall-" + setup));
    }

    @AfterEach
    void cleanUp() throws Exception {
        repository.delete(setup);
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(folder);
    }

    @Test
    void anInvalidFileChangesNothingAndNamesTheProblem() throws Exception {
        assertEquals(0, run(new ImportCommand(), "config/oncall.yaml")[0]);
        long version = repository.version(setup);
        OnCallSetup before = repository.load(setup).setup();
        Path bad = folder.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of("config/oncall.yaml"))
                .replace("members: [alice, bob, carol]", "members: [alice, bobby, carol]"));

        Object[] result = run(new ImportCommand(), bad.toString());

        assertEquals(ImportCommand.INVALID_FILE, result[0]);
        assertTrue(((String) result[2]).contains("was not imported, nothing changed"), (String) result[2]);
        assertTrue(((String) result[2]).contains("rotations[0].members[1]: unknown person 'bobby'"), (String) result[2]);
        assertEquals(version, repository.version(setup));
        assertEquals(before, repository.load(setup).setup());
    }

    @Test
    void importPrintsWhatItStored() {
        Object[] result = run(new ImportCommand(), "config/oncall.yaml");

        assertEquals(0, result[0]);
        assertEquals("imported config/oncall.yaml into setup '" + setup + "' (version 1): 2 lines, 12 people, 2 rotations,"
                + " 2 escalation policies, 1 holiday calendars, 1 overrides, 1 temporary schedules\n", result[1]);
    }

    @Test
    void exportThenImportRoundTrips() throws Exception {
        run(new ImportCommand(), "config/oncall.yaml");
        OnCallSetup imported = repository.load(setup).setup();
        Path exported = folder.resolve("exported.yaml");

        assertEquals(0, run(new ExportCommand(), exported.toString())[0]);
        assertEquals(0, run(new ImportCommand(), exported.toString())[0]);

        assertEquals(imported, repository.load(setup).setup());
        assertEquals(2, repository.version(setup));
        Object[] toStandardOutput = run(new ExportCommand());
        assertEquals(Files.readString(exported), toStandardOutput[1], "the same text to a file or to standard output");
    }

    /** Exit code, standard output, standard error. */
    private Object[] run(SetupCommand command, String... args) {
        command.database = TestDatabases.shared();
        command.setupName = setup;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Object[] {exit, out.toString(), err.toString()};
    }
}
