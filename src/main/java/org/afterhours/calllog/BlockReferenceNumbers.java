package org.afterhours.calllog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seven-digit reference numbers, unique across nodes and days, without a database round trip on a call's path.
 *
 * <p>Numbers 1000000-8999999 come in blocks of {@value #BLOCK_SIZE} from a counter shared by all nodes (hi/lo
 * allocation). A node holds its current block and fetches the next one in the background, so a call never waits
 * for the database and a short outage is bridged. A node restarted mid-block skips the rest of it. When no shared
 * block is at hand (the database is down), the node falls back to its own range 9N00000-9N99999 (N: its node id).
 * Its counter keeps pace with the clock (at least the current second since the epoch, modulo 100,000) and is also
 * kept in a file: a restart never repeats a number, and neither does a node whose data folder was lost (a new host
 * or container), unless it had handed out more offline numbers than seconds have passed since. A number repeats
 * after about 28 hours of offline use at most; such a repeat, or two nodes given one node id, no longer hides a
 * call: the call log keys calls by their own id and flags the conflict. Node ids 0-9 must differ between nodes that
 * share a database. Block ids need not be consecutive (a Galera cluster steps AUTO_INCREMENT by its size and gives
 * each member its own offset). After eighty thousand block ids (eight million numbers on one server, a third of that
 * on a three-member cluster) the shared range wraps; by then the first numbers are years old.
 */
public final class BlockReferenceNumbers implements ReferenceNumbers {
    private static final Logger log = LoggerFactory.getLogger(BlockReferenceNumbers.class);
    static final int BLOCK_SIZE = 100;
    private static final long FIRST_SHARED = 1_000_000;
    private static final long SHARED_BLOCKS = (9_000_000 - FIRST_SHARED) / BLOCK_SIZE;
    private static final long OFFLINE_SIZE = 100_000;

    private final ReferenceBlockSource blocks;
    private final Path offlineCounterFile;
    private final int nodeId;
    private final Executor background;
    private final Clock clock;
    private long lastOffline = -1;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean fetching = new AtomicBoolean();
    private long current = -1;
    private int used;
    private volatile long spare = -1;
    private final java.util.concurrent.CountDownLatch firstFetch = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param background runs block fetches off the call's thread (the server passes a virtual-thread executor; a
     *                   test may pass {@code Runnable::run} to fetch in line)
     */
    public BlockReferenceNumbers(ReferenceBlockSource blocks, Path offlineCounterFile, int nodeId, Executor background) {
        this(blocks, offlineCounterFile, nodeId, background, Clock.systemUTC());
    }

    /** @param clock where offline numbers start when the counter file is missing or behind */
    public BlockReferenceNumbers(ReferenceBlockSource blocks, Path offlineCounterFile, int nodeId, Executor background,
                                 Clock clock) {
        if (nodeId < 0 || nodeId > 9) {
            throw new IllegalArgumentException("node id must be 0-9, was " + nodeId);
        }
        this.blocks = blocks;
        this.offlineCounterFile = offlineCounterFile;
        this.nodeId = nodeId;
        this.background = background;
        this.clock = clock;
        fetchSpare();
    }

    @Override
    public ReferenceNumber next() {
        lock.lock();
        try {
            if (current < 0 || used == BLOCK_SIZE) {
                current = spare;
                spare = -1;
                used = 0;
                fetchSpare();
            }
            if (current < 0) {
                return nextOffline();
            }
            return new ReferenceNumber(Long.toString(FIRST_SHARED + (current % SHARED_BLOCKS) * BLOCK_SIZE + used++));
        } finally {
            lock.unlock();
        }
    }

    private void fetchSpare() {
        if (!fetching.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                spare = blocks.allocateBlock();
            } catch (RuntimeException e) {
                log.warn("no block of reference numbers from the database ({}); this node uses its own range "
                        + "until it gets one", e.getMessage());
            } finally {
                fetching.set(false);
                firstFetch.countDown();
            }
        });
    }

    /**
     * Waits, at most {@code max}, for the block asked for at construction. A node that has just started then hands
     * out numbers from the database's blocks rather than from its offline range, which a fresh data folder would
     * start again from its beginning, while the database is there.
     *
     * @return whether a block is at hand (false: the database did not answer in time; the offline range it is)
     */
    public boolean awaitFirstBlock(java.time.Duration max) throws InterruptedException {
        firstFetch.await(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return spare >= 0 || current >= 0;
    }

    private ReferenceNumber nextOffline() {
        try {
            long kept = Files.exists(offlineCounterFile)
                    ? Long.parseLong(Files.readString(offlineCounterFile, StandardCharsets.US_ASCII).trim()) : 0;
            long count = Math.max(Math.max(kept, lastOffline + 1), clock.instant().getEpochSecond());
            writeDurably(Long.toString(count + 1));
            lastOffline = count;
            return new ReferenceNumber(Long.toString(9_000_000 + nodeId * OFFLINE_SIZE + count % OFFLINE_SIZE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the offline reference counter in " + offlineCounterFile, e);
        }
    }

    private void writeDurably(String text) throws IOException {
        Path directory = offlineCounterFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(offlineCounterFile.getFileName() + ".tmp");
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            file.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            file.force(true);
        }
        Files.move(temporary, offlineCounterFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
