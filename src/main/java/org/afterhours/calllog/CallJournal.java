package org.afterhours.calllog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's append-only, fsync'd log of call events: a call's step is in the operating system's hands once
 * {@link #append} returns (a killed or crashed process loses nothing), whether or not the database is up, and on the
 * disk itself a few milliseconds later: a syncer thread forces the file in groups, so that a call never waits for
 * the disk and a storm of calls costs one flush per group rather than one per step (issue 15: per-step fsyncs were
 * most of the server's CPU, in the kernel). A writer takes {@link #pending} entries to MariaDB, only once they are
 * forced, and then marks them {@link #committed}; after a crash, everything after the last mark is pending again
 * (the database write is idempotent, so an entry written just before the crash is not written twice).
 *
 * <p>Segments are memory-mapped files of a fixed size: an append is a copy into the page cache, shared with the
 * kernel, not a system call (on a virtual machine each system call is dear: a call's 30-odd steps were 30-odd
 * writes). The length of an entry is stored last and a zero length follows every entry, so that reading stops at
 * the end of what was written, and an entry the process died copying is either invisible or fails its checksum.
 *
 * <p>On disk: segment files {@code segment-<first position>.log} of entries {@code [length][position][crc][event]}
 * and a {@code checkpoint} file with the last committed position. A torn entry at the end of the last segment (the
 * process died mid-write) is cut off on open; it was never acknowledged to anyone.
 */
public final class CallJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallJournal.class);
    private static final int HEADER = Integer.BYTES + Long.BYTES + Integer.BYTES;
    private static final int MAX_ENTRY = 1 << 20;
    private static final long SEGMENT_BYTES = 8L << 20;
    /**
     * How often the syncer flushes what was written: bounds the kernel time a storm costs, and the window a machine
     * crash (not a process crash) could take from the journal.
     */
    private static final long SYNC_INTERVAL_NANOS = Duration.ofMillis(5).toNanos();

    private final Path directory;
    private final long segmentLimit;
    private final String node;
    /** This start of the process; CALL_STARTED carries it, so the next start knows which calls a dead run left. */
    private final String run = UUID.randomUUID().toString();
    private long lastPositionAtOpen;
    private final ReentrantLock lock = new ReentrantLock();
    /** Held while forcing the file, so that {@link #flush} and the syncer never force concurrently. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private volatile long syncedPosition;
    /** Signalled when entries are forced: wakes the writer. */
    private final Condition durable = lock.newCondition();
    private Thread syncer;
    private volatile boolean closed;
    private final Deque<JournalEntry> pending = new ArrayDeque<>();
    /** The segment being written, mapped whole; {@code segmentBytes} is where the next entry goes. */
    private MappedByteBuffer segment;
    private long segmentBytes;
    /** How far into {@link #segment} the syncer has forced. */
    private long syncedBytes;
    private long lastPosition;
    private long committedPosition;
    /** True while more than one segment may exist: only then is there a committed one to delete. */
    private boolean segmentRolled = true;

    private CallJournal(Path directory, long segmentLimit, String node) {
        this.directory = directory;
        this.segmentLimit = segmentLimit;
        this.node = node;
    }

    /** Opens (or creates) the journal in {@code directory}, recovering what was not yet committed. */
    public static CallJournal open(Path directory) {
        return open(directory, "");
    }

    /** As {@link #open(Path)}, for the node named {@code node} (written with each call's start). */
    public static CallJournal open(Path directory, String node) {
        return open(directory, SEGMENT_BYTES, node);
    }

    static CallJournal open(Path directory, long segmentLimit) {
        return open(directory, segmentLimit, "");
    }

    private static CallJournal open(Path directory, long segmentLimit, String node) {
        CallJournal journal = new CallJournal(directory, segmentLimit, node);
        try {
            Files.createDirectories(directory);
            journal.recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the call journal in " + directory, e);
        }
        journal.syncer = Thread.ofPlatform().name("call-journal-sync").daemon(true).start(journal::syncLoop);
        return journal;
    }

    private void recover() throws IOException {
        committedPosition = readCheckpoint(directory.resolve("checkpoint"));
        lastPosition = committedPosition;
        List<Path> segments = segments();
        long end = 0;
        for (int i = 0; i < segments.size(); i++) {
            end = readSegment(segments.get(i), i == segments.size() - 1);
        }
        if (!pending.isEmpty()) {
            log.info("call journal: {} event(s) not yet in the database will be written now", pending.size());
        }
        if (segments.isEmpty()) {
            openSegment(directory.resolve(segmentName(lastPosition + 1)), 0, segmentLimit);
        } else {
            openSegment(segments.get(segments.size() - 1), end, segmentLimit);
        }
        syncedPosition = lastPosition;
        lastPositionAtOpen = lastPosition;
    }

    /** Reads a segment's entries into {@link #pending}; returns where its written part ends. */
    private long readSegment(Path file, boolean last) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long offset = 0;
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (offset < size) {
                header.clear();
                if (size - offset < HEADER || channel.read(header, offset) < HEADER) {
                    return endOrCut(channel, file, offset, last, size - offset < Integer.BYTES);
                }
                header.flip();
                int length = header.getInt();
                long position = header.getLong();
                int crc = header.getInt();
                if (length == 0) {
                    return offset; // the end of what was written (the rest of the mapped file is zeros)
                }
                if (length < 0 || length > MAX_ENTRY || size - offset - HEADER < length) {
                    return cutTornTail(channel, file, offset, last);
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, offset + HEADER);
                if (crc(position, payload.array()) != crc) {
                    return cutTornTail(channel, file, offset, last);
                }
                lastPosition = Math.max(lastPosition, position);
                if (position > committedPosition) {
                    pending.add(new JournalEntry(position, JournalCodec.decode(payload.array())));
                }
                offset += HEADER + length;
            }
            return offset;
        }
    }

    /** Fewer bytes left than a header: the file's end (when only zeros or nothing remain), or a torn entry. */
    private long endOrCut(FileChannel channel, Path file, long offset, boolean last, boolean noLengthLeft)
            throws IOException {
        ByteBuffer rest = ByteBuffer.allocate((int) (channel.size() - offset));
        channel.read(rest, offset);
        boolean zeros = true;
        for (byte b : rest.array()) {
            zeros &= b == 0;
        }
        return zeros || noLengthLeft && rest.capacity() == 0 ? offset : cutTornTail(channel, file, offset, last);
    }

    private long cutTornTail(FileChannel channel, Path file, long offset, boolean last) throws IOException {
        if (!last) {
            throw new IOException("damaged entry in the middle of the journal: " + file + " at byte " + offset);
        }
        log.warn("call journal: cutting an incomplete entry at byte {} of {} (written when the process died)",
                offset, file.getFileName());
        channel.truncate(offset);
        channel.force(true);
        return offset;
    }

    /**
     * Writes the event into the journal's mapped file and returns: from here a killed process loses nothing. The
     * syncer forces it to the disk within milliseconds; the database only ever receives it after that.
     */
    public JournalEntry append(CallEvent event) {
        byte[] payload = JournalCodec.encode(event);
        lock.lock();
        try {
            long position = lastPosition + 1;
            int needed = HEADER + payload.length + Integer.BYTES; // and the zero length that ends the segment
            if (segmentBytes + needed > segment.capacity()) {
                rollSegment(position, needed);
            }
            int at = (int) segmentBytes;
            segment.put(at + HEADER, payload);
            segment.putLong(at + Integer.BYTES, position);
            segment.putInt(at + Integer.BYTES + Long.BYTES, crc(position, payload));
            segment.putInt(at + HEADER + payload.length, 0);
            segment.putInt(at, payload.length); // last: until it is there, the entry does not exist
            segmentBytes += HEADER + payload.length;
            lastPosition = position;
            JournalEntry entry = new JournalEntry(position, event);
            pending.add(entry); // in position order; the writer sees it once it is on disk (see pending())
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /** With {@code lock} held: the current segment is full; it is forced whole, and the next one starts. */
    private void rollSegment(long firstPosition, int needed) {
        segment.force();
        syncedPosition = lastPosition;
        durable.signalAll();
        try {
            openSegment(directory.resolve(segmentName(firstPosition)), 0, Math.max(segmentLimit, needed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new call journal segment in " + directory, e);
        }
        segmentRolled = true;
    }

    /** Forces everything written so far to the disk before returning (shutdown, tests). */
    public void flush() {
        syncLock.lock();
        try {
            forceWritten();
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * The syncer: every {@link #SYNC_INTERVAL_NANOS} it forces whatever was written since the last time, in one go,
     * and lets the writer have it. It looks on a timer rather than being woken by each append: a wake-up per call
     * step cost more than the flush it saved.
     */
    private void syncLoop() {
        while (!closed) {
            java.util.concurrent.locks.LockSupport.parkNanos(SYNC_INTERVAL_NANOS);
            syncLock.lock();
            try {
                forceWritten();
            } catch (UncheckedIOException e) {
                log.error("call journal: cannot flush {} to disk ({}); retrying", directory, e.getMessage());
            } finally {
                syncLock.unlock();
            }
        }
    }

    /** With {@code syncLock} held: forces the current segment up to what is written now. */
    private void forceWritten() {
        long covered;
        MappedByteBuffer file;
        int from;
        int to;
        lock.lock();
        try {
            covered = lastPosition;
            file = segment;
            from = (int) syncedBytes;
            to = (int) segmentBytes;
        } finally {
            lock.unlock();
        }
        if (covered <= syncedPosition) {
            return;
        }
        // A segment that rolled meanwhile was forced whole before the next began: forcing its range again is harmless.
        file.force(from, to - from);
        lock.lock();
        try {
            if (file == segment) {
                syncedBytes = Math.max(syncedBytes, to);
            }
            syncedPosition = Math.max(syncedPosition, covered);
            durable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code max} uncommitted entries in order, waiting up to {@code wait} for the first one. Only entries
     * already forced to disk are handed out, so the database never holds what a crash could take from the journal.
     */
    public List<JournalEntry> pending(int max, Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (!hasDurablePending() && nanos > 0) {
                nanos = durable.awaitNanos(nanos);
            }
            List<JournalEntry> batch = new ArrayList<>(Math.min(max, pending.size()));
            for (JournalEntry entry : pending) {
                if (batch.size() == max || entry.position() > syncedPosition) {
                    break;
                }
                batch.add(entry);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Everything up to {@code position} is in the database: drop it from memory, remember it on disk. */
    public void committed(long position) {
        lock.lock();
        try {
            while (!pending.isEmpty() && pending.peekFirst().position() <= position) {
                pending.removeFirst();
            }
            committedPosition = Math.max(committedPosition, position);
            writeCheckpoint();
            if (segmentRolled) {
                deleteCommittedSegments();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal checkpoint in " + directory, e);
        } finally {
            lock.unlock();
        }
    }

    private boolean hasDurablePending() {
        return !pending.isEmpty() && pending.peekFirst().position() <= syncedPosition;
    }

    /** The node this journal belongs to ("" when not named). */
    public String node() {
        return node;
    }

    /** This run's id: a new one each time the journal is opened, i.e. at each start of the process. */
    public String run() {
        return run;
    }

    /** True once everything earlier runs left in the journal is in the database. */
    public boolean earlierRunsWritten() {
        lock.lock();
        try {
            return committedPosition >= lastPositionAtOpen;
        } finally {
            lock.unlock();
        }
    }

    public int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The checkpoint is not forced: one lost to a machine crash only means entries already in the database are
     * written again, which the idempotent store skips. Not forcing it saves a flush per batch.
     */
    private void writeCheckpoint() throws IOException {
        Path temporary = directory.resolve("checkpoint.tmp");
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            file.write(ByteBuffer.wrap(Long.toString(committedPosition).getBytes(StandardCharsets.US_ASCII)));
        }
        Files.move(temporary, directory.resolve("checkpoint"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** A closed segment can go once the next one starts at or before the checkpoint + 1. */
    private void deleteCommittedSegments() throws IOException {
        List<Path> segments = segments();
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (firstPosition(segments.get(i + 1)) <= committedPosition + 1) {
                Files.deleteIfExists(segments.get(i));
            }
        }
        segmentRolled = segments().size() > 1;
    }

    /**
     * The last committed position; 0 (everything kept is written again, which the store skips) when the file is
     * missing, or empty or damaged after a machine crash (it is written without a flush).
     */
    private static long readCheckpoint(Path checkpoint) throws IOException {
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        String text = Files.readString(checkpoint, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            log.warn("call journal: checkpoint unreadable ('{}'); every kept entry is written again (the database "
                    + "skips those it has)", text.length() > 20 ? text.substring(0, 20) : text);
            return 0;
        }
    }

    /**
     * Maps {@code file} (created, or grown with zeros, to {@code size}) for writing from {@code end} on. A zero
     * length is put at {@code end} so that nothing left beyond it (a cut entry) is ever read as an entry.
     */
    private void openSegment(Path file, long end, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long mapped = Math.max(size, channel.size());
            if (mapped > Integer.MAX_VALUE) {
                throw new IOException("journal segment too large to map: " + file);
            }
            segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, mapped);
        }
        segmentBytes = end;
        syncedBytes = end;
        if (end + Integer.BYTES <= segment.capacity()) {
            segment.putInt((int) end, 0);
        }
    }

    private static String segmentName(long firstPosition) {
        return String.format("segment-%019d.log", firstPosition);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("segment-[0-9]{19}\\.log")).sorted().toList();
        }
    }

    private static long firstPosition(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring("segment-".length(), name.length() - ".log".length()));
    }

    private static int crc(long position, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Long.BYTES).putLong(position).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** Stops the syncer and forces what is written: everything appended before is on the disk. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        java.util.concurrent.locks.LockSupport.unpark(syncer);
        try {
            syncer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (UncheckedIOException e) {
            log.warn("closing the call journal: {}", e.getMessage());
        }
        // The mapping itself goes with the buffer; what was written is already forced by flush().
    }
}
