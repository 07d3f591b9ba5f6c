package org.afterhours.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.afterhours.console.PasswordHashing;
import org.afterhours.db.JdbcConsolePasswords;
import org.afterhours.db.RuleBookRepository;
import org.afterhours.oncall.Person;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sets a person's console password; only its Argon2id hash is stored. */
@Command(name = "password", description = "Set the web console password of a person of the on-call setup "
        + "(asked twice on the terminal; --stdin reads one line instead, for scripts).")
final class PasswordCommand extends SetupCommand {

    @Parameters(index = "0", paramLabel = "<person-id>", description = "a person id from the on-call setup")
    String personId;

    @Option(names = "--stdin", description = "read the password as one line from standard input")
    boolean stdin;

    /** Tests feed the password here instead of a terminal. */
    java.io.InputStream input = System.in;

    @Override
    int run(RuleBookRepository repository, String setup) throws IOException {
        Person person = repository.load(setup).setup().people().stream().filter(p -> p.id().equals(personId))
                .findFirst().orElse(null);
        if (person == null) {
            err().println("no person '" + personId + "' in on-call setup '" + setup + "'");
            return 1;
        }
        char[] password = readPassword();
        if (password == null) {
            return 1;
        }
        try {
            String hash = new PasswordHashing().hash(java.nio.CharBuffer.wrap(password));
            new JdbcConsolePasswords(active.dataSource(), setup).store(personId, hash, Clock.systemUTC().instant());
        } catch (IllegalArgumentException e) {
            err().println(e.getMessage());
            return 1;
        } finally {
            Arrays.fill(password, '\0');
        }
        out().println("console password set for " + person.name() + " (" + personId + ")");
        return 0;
    }

    private char[] readPassword() throws IOException {
        if (stdin) {
            String line = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                err().println("no password on standard input");
                return null;
            }
            return line.toCharArray();
        }
        Console terminal = System.console();
        if (terminal == null) {
            err().println("no terminal to ask on: use --stdin");
            return null;
        }
        char[] first = terminal.readPassword("New console password for %s: ", personId);
        char[] second = terminal.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, second)) {
            err().println("the two passwords differ; nothing changed");
            return null;
        }
        Arrays.fill(second, '\0');
        return first;
    }
}
