package org.afterhours.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Journal entries keep their call id; entries written before call ids existed still read. */
class JournalCodecTest {
    private static final Instant T0 = Instant.parse("2026-03-03T02:10:00.123Z");

    @Test
    void an_event_comes_back_with_its_call_id() throws IOException {
        CallEvent event = new CallEvent("4b0e5f7c-3f0a-4c1e-9a51-1d2f3e4a5b6c", new ReferenceNumber("1000042"), 3, T0,
                CallEventType.TRIAGED, Map.of("triage", "EMERGENCY"));
        assertEquals(event, JournalCodec.decode(JournalCodec.encode(event)));
    }

    @Test
    void an_entry_from_before_call_ids_stands_for_its_call_by_its_reference() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("1000042");
            out.writeInt(3);
            out.writeLong(T0.getEpochSecond());
            out.writeInt(T0.getNano());
            out.writeUTF("TRIAGED");
            out.writeShort(1);
            out.writeUTF("triage");
            out.writeUTF("EMERGENCY");
        }
        CallEvent event = JournalCodec.decode(bytes.toByteArray());
        assertEquals("1000042", event.callId());
        assertEquals(new CallEvent(new ReferenceNumber("1000042"), 3, T0, CallEventType.TRIAGED,
                Map.of("triage", "EMERGENCY")), event);
    }
}
