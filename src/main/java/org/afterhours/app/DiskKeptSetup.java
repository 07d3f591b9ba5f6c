package org.afterhours.app;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.RuleBookSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's on-call setup, with a copy of the last good one kept on local disk beside the journal: a node
 * (re)started while the database is down answers calls from that copy instead of from nothing.
 */
final class DiskKeptSetup implements RuleBookSource {
    private static final Logger log = LoggerFactory.getLogger(DiskKeptSetup.class);

    private final RuleBookSource database;
    private final Path file;

    DiskKeptSetup(RuleBookSource database, Path file) {
        this.database = database;
        this.file = file;
    }

    @Override
    public long version() {
        return database.version();
    }

    /** Loads from the database and keeps a copy; a copy that cannot be written is a warning, not a failed load. */
    @Override
    public VersionedSetup load() {
        VersionedSetup loaded = database.load();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                OnCallFile.write(loaded.setup(), out);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot keep a copy of the on-call setup in {}: {}", file, e.getMessage());
        }
        return loaded;
    }

    /** The copy the last good load left, if any. */
    Optional<OnCallSetup> lastGood() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OnCallFile.read(file));
        } catch (RuntimeException e) { // SetupException among them
            log.warn("the kept copy of the on-call setup {} is unreadable: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
