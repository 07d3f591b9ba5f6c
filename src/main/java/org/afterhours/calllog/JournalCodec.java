package org.afterhours.calllog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bytes of one journal entry's event. Strings are length-prefixed UTF-8, so no caller text can break framing. */
final class JournalCodec {
    /** 1: without a call id (the reference stood for the call); 2: with the call id first. */
    private static final int VERSION = 2;

    private JournalCodec() {
    }

    static byte[] encode(CallEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(event.callId());
            out.writeUTF(event.reference().digits());
            out.writeInt(event.sequence());
            out.writeLong(event.at().getEpochSecond());
            out.writeInt(event.at().getNano());
            out.writeUTF(event.type().name());
            out.writeShort(event.attributes().size());
            for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
                out.writeUTF(attribute.getKey());
                out.writeUTF(limit(attribute.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static CallEvent decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readByte();
            if (version != 1 && version != VERSION) {
                throw new IOException("unknown journal entry version " + version);
            }
            String callId = version == 1 ? null : in.readUTF();
            ReferenceNumber reference = new ReferenceNumber(in.readUTF());
            int sequence = in.readInt();
            Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
            CallEventType type = CallEventType.valueOf(in.readUTF());
            int count = in.readUnsignedShort();
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                attributes.put(in.readUTF(), in.readUTF());
            }
            return new CallEvent(callId == null ? reference.digits() : callId, reference, sequence, at, type,
                    attributes);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad journal entry: " + e.getMessage(), e);
        }
    }

    /** writeUTF takes at most 65535 bytes; no attribute we keep needs a tenth of that. */
    private static String limit(String value) {
        return value.length() > 4000 ? value.substring(0, 4000) : value;
    }
}
