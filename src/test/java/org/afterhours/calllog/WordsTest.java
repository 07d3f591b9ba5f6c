package org.afterhours.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every code a page can show has words, and no two codes of one kind share them. */
class WordsTest {
    @Test
    void every_triage_outcome_and_message_status_is_worded_once() {
        for (List<? extends Enum<?>> codes : List.of(List.of(Triage.values()), List.of(CallOutcome.values()),
                List.of(MessageStatus.values()))) {
            Set<String> seen = new HashSet<>();
            for (Enum<?> code : codes) {
                String words = Words.of(code);
                assertNotEquals(code.name(), words, code + " has no words in Words");
                assertEquals(true, seen.add(words), "two codes read \"" + words + "\"");
            }
        }
    }

    @Test
    void the_words_are_what_a_technician_reads() {
        assertEquals(List.of("Urgent message", "Waiting for a call-back", "Not an emergency"), Stream.of(
                CallOutcome.URGENT_VOICEMAIL, MessageStatus.PENDING_RESPONSE, Triage.NON_EMERGENCY).map(Words::of)
                .toList());
    }
}
