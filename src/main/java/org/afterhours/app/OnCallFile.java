package org.afterhours.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.Problem;
import org.afterhours.oncall.SetupException;
import org.afterhours.oncall.SetupReader;
import org.afterhours.oncall.SetupWriter;

/**
 * The on-call setup file in YAML: text to tree and back. What the fields mean is {@link SetupReader}'s and
 * {@link SetupWriter}'s business; this class only knows YAML.
 */
final class OnCallFile {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private OnCallFile() {
    }

    /**
     * The setup in {@code file}, validated, read now (an override without {@code created} was created now).
     * @throws SetupException naming every problem (a YAML error too)
     */
    static OnCallSetup read(Path file) {
        return read(file, Clock.systemUTC().instant());
    }

    static OnCallSetup read(Path file, Instant importedAt) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString(), importedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static OnCallSetup parse(Reader reader, String name) throws IOException {
        return parse(reader, name, Clock.systemUTC().instant());
    }

    static OnCallSetup parse(Reader reader, String name, Instant importedAt) throws IOException {
        Object tree;
        try {
            tree = YAML.readValue(reader, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? name : name + " line " + e.getLocation().getLineNr();
            throw new SetupException(List.of(new Problem(where, "not valid YAML: " + e.getOriginalMessage())));
        }
        return SetupReader.read(tree, importedAt);
    }

    static void write(OnCallSetup setup, Writer out) throws IOException {
        out.write("# afterhours on-call setup (format: README.md, \"The setup file\")\n");
        YAML.writeValue(new NonClosingWriter(out), SetupWriter.write(setup));
    }

    /** Jackson closes what it writes to; standard output must stay open. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
