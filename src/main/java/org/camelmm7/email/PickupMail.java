package org.camelmm7.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/** A mail in the pickup format, ready for the spool: its envelope and IDs (for the logs) and its bytes. */
public final class PickupMail {

    /**
     * The largest mail the spool hands to the mail leg in memory; a larger one is written to the
     * spool's store, and while it is written, what it holds beyond this may wait in a spill file
     * rather than in the heap.
     */
    public static final long LARGEST_IN_MEMORY = 1024 * 1024;

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
        try {
            return bytes.asInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("the mail's spill file cannot be read", e);
        }
    }

    /** The bytes as buffers over the memory (or the spill file) they were written to, for a gathering write. */
    public List<ByteBuffer> buffers() {
        try {
            return bytes.buffers();
        } catch (IOException e) {
            throw new UncheckedIOException("the mail's spill file cannot be read", e);
        }
    }

    /** Whether part of the mail waits in a spill file, which {@link #release} deletes. */
    public boolean spilled() {
        return bytes.spilled();
    }

    /** Deletes the spill file once the mail is in the spool; the mail cannot be read afterwards. */
    public void release() {
        bytes.release();
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
