package org.camelmm7.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/** A mail in the pickup format, ready for the spool: its envelope and IDs (for the logs) and its bytes. */
public final class PickupMail {

    private final MailEnvelope envelope;
    private final ChunkedBuffer bytes;

    PickupMail(MailEnvelope envelope, ChunkedBuffer bytes) {
        this.envelope = envelope;
        this.bytes = bytes;
    }

    /** The envelope, with the mail's size in bytes (the D record's %B, as for a mail read back from the spool). */
    public MailEnvelope envelope() {
        return envelope.size() != null ? envelope : envelope.withSize(bytes.size());
    }

    /** The bytes, read without copying them. */
    public InputStream stream() {
        return bytes.asInputStream();
    }

    /** The bytes as buffers over the memory they were written to, for a gathering write. */
    public List<ByteBuffer> buffers() {
        return bytes.buffers();
    }

    public byte[] bytes() {
        try (InputStream in = stream()) {
            return in.readAllBytes();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public long size() {
        return bytes.size();
    }
}
