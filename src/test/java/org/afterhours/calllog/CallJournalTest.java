package org.afterhours.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallJournalTest {
    @TempDir
    Path dir;

    private static CallEvent event(int sequence, String callerName) {
        return new CallEvent(new ReferenceNumber("1234567"), sequence, Instant.parse("2026-11-22T09:00:00.123Z"),
                CallEventType.CALL_STARTED, Map.of("callerName", callerName));
    }

    /** Where the written entries of a segment end: segments are mapped files of a fixed size, zeros after that. */
    private static long writtenEnd(Path segment) throws java.io.IOException {
        byte[] bytes = Files.readAllBytes(segment);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end;
    }

    /** What the writer would get right now, once everything appended is forced. */
    private static List<CallEvent> pending(CallJournal journal) throws InterruptedException {
        journal.flush();
        return journal.pending(1000, Duration.ZERO).stream().map(JournalEntry::event).toList();
    }

    @Test
    void an_appended_event_reaches_the_writer_without_anyone_flushing_once_the_syncer_forced_it() throws Exception {
        try (CallJournal journal = CallJournal.open(dir)) {
            journal.append(event(1, "a"));
            List<JournalEntry> handedOut = journal.pending(1000, Duration.ofSeconds(30));
            assertEquals(List.of(event(1, "a")), handedOut.stream().map(JournalEntry::event).toList());
        }
    }

    @Test
    void an_unreadable_checkpoint_means_every_kept_entry_is_pending_again() throws Exception {
        try (CallJournal journal = CallJournal.open(dir)) {
            journal.append(event(1, "a"));
            journal.committed(journal.append(event(2, "b")).position());
        }
        java.nio.file.Files.writeString(dir.resolve("checkpoint"), ""); // a machine crash right after the rename
        try (CallJournal reopened = CallJournal.open(dir)) {
            assertEquals(List.of(event(1, "a"), event(2, "b")), pending(reopened));
        }
    }

    @Test
    void an_appended_event_is_pending_until_committed_and_survives_a_restart_until_then() throws Exception {
        try (CallJournal journal = CallJournal.open(dir)) {
            journal.append(event(1, "a"));
            JournalEntry second = journal.append(event(2, "b"));
            journal.append(event(3, "c"));
            journal.committed(second.position());
            assertEquals(List.of(event(3, "c")), pending(journal));
        }
        try (CallJournal reopened = CallJournal.open(dir)) {
            assertEquals(List.of(event(3, "c")), pending(reopened), "only what was not committed comes back");
            JournalEntry fourth = reopened.append(event(4, "d"));
            assertEquals(4, fourth.position(), "positions go on where they stopped");
        }
    }

    @Test
    void hostile_text_round_trips_byte_for_byte() throws Exception {
        String hostile = "Eve\"\\\n\r\u0000'); DROP TABLE call_event; -- \uD83D\uDCDE";
        try (CallJournal journal = CallJournal.open(dir)) {
            journal.append(event(1, hostile));
        }
        try (CallJournal reopened = CallJournal.open(dir)) {
            assertEquals(hostile, pending(reopened).get(0).attribute("callerName"));
        }
    }

    @Test
    void an_entry_torn_by_a_crash_is_cut_off_and_the_ones_before_it_are_kept() throws Exception {
        try (CallJournal journal = CallJournal.open(dir)) {
            journal.append(event(1, "kept"));
            journal.append(event(2, "torn"));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.truncate(writtenEnd(segment) - 3); // the machine died while the second entry was reaching the disk
        }
        try (CallJournal reopened = CallJournal.open(dir)) {
            assertEquals(List.of(event(1, "kept")), pending(reopened));
            reopened.append(event(2, "again"));
        }
        try (CallJournal again = CallJournal.open(dir)) {
            assertEquals(List.of(event(1, "kept"), event(2, "again")), pending(again));
        }
    }

    @Test
    void what_is_left_of_a_cut_entry_is_never_read_once_its_segment_is_full_and_another_begins() throws Exception {
        String big = "x".repeat(3000);
        try (CallJournal journal = CallJournal.open(dir, 64 * 1024)) {
            journal.append(event(1, "kept"));
            journal.append(event(2, big + "torn"));
        }
        Path first = segments().get(0);
        byte[] bytes = Files.readAllBytes(first);
        bytes[(int) writtenEnd(first) - 2] ^= 0x55; // the second entry fails its checksum but its bytes stay
        Files.write(first, bytes);
        try (CallJournal reopened = CallJournal.open(dir, 64 * 1024)) {
            for (int i = 2; i <= 40; i++) { // a shorter entry first, then enough to fill two segments
                reopened.append(event(i, i == 2 ? "short" : big));
            }
        }
        assertTrue(segments().size() >= 2);
        try (CallJournal again = CallJournal.open(dir, 64 * 1024)) {
            List<CallEvent> pending = pending(again);
            assertEquals(40, pending.size(), "every entry, and nothing read from the cut one's leftover bytes");
            assertEquals(event(2, "short"), pending.get(1));
        }
    }

    @Test
    void a_corrupted_byte_is_detected_by_its_checksum() throws Exception {
        try (CallJournal journal = CallJournal.open(dir)) {
            journal.append(event(1, "kept"));
            journal.append(event(2, "flipped"));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) writtenEnd(segment) - 2] ^= 0x55;
        Files.write(segment, bytes);
        try (CallJournal reopened = CallJournal.open(dir)) {
            assertEquals(List.of(event(1, "kept")), pending(reopened));
        }
    }

    @Test
    void committed_segments_are_deleted_but_never_the_one_being_written() throws Exception {
        try (CallJournal journal = CallJournal.open(dir, 64 * 1024)) {
            JournalEntry last = null;
            String big = "x".repeat(3000);
            for (int i = 1; i <= 60; i++) { // about 180 KB: three segments of 64 KB
                last = journal.append(event(i, big));
            }
            assertTrue(segments().size() >= 3);
            journal.committed(last.position());
            assertEquals(1, segments().size());
            assertEquals(0, journal.pendingCount());
        }
    }

    @Test
    void calls_appending_at_once_all_land_in_order_and_the_writer_only_sees_what_is_on_disk() throws Exception {
        try (CallJournal journal = CallJournal.open(dir)) {
            try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int call = 0; call < 200; call++) {
                    String reference = String.valueOf(2_000_000 + call);
                    callers.submit(() -> {
                        for (int step = 1; step <= 5; step++) {
                            journal.append(new CallEvent(new ReferenceNumber(reference), step, Instant.EPOCH,
                                    CallEventType.PROMPT_PLAYED, Map.of()));
                        }
                    });
                }
            }
            journal.flush();
            List<JournalEntry> all = journal.pending(10_000, Duration.ZERO);
            assertEquals(1000, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i).position(), "handed out in position order, none missing");
            }
        }
        try (CallJournal reopened = CallJournal.open(dir)) {
            assertEquals(1000, reopened.pendingCount(), "every acknowledged append was on disk");
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }
}
