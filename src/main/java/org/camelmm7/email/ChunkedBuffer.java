package org.camelmm7.email;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An output stream kept in chunks and read back without copying: unlike a ByteArrayOutputStream it
 * never copies what it holds. Chunks start small and double up to 256 KiB, so a small mail does not
 * pay for a large buffer, and no chunk is a G1 humongous object (half a region or more: 512 KiB in a
 * heap under 2 GiB), which takes whole regions of its own: a 1 MiB chunk and its array header need
 * two 1 MiB regions.
 * <p>
 * Given a spill file, what is written beyond {@code spillAbove} bytes goes to that file instead of
 * the heap: a 10 MB mail then costs its first megabyte of heap while the request it is written from
 * holds the rest; it is read back from the page cache (a mapping, for the journal's gathering write).
 * {@link #release} deletes the file.
 */
final class ChunkedBuffer extends OutputStream {

    private static final int FIRST_CHUNK = 16 * 1024;
    private static final int LARGEST_CHUNK = 256 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private final Path spillFile;
    private final long spillAbove;
    private byte[] current = new byte[0];
    private int used;
    private long size;
    private OutputStream spill;
    private long spilled;

    /** In memory only. */
    ChunkedBuffer() {
        this(null, Long.MAX_VALUE);
    }

    /** In memory up to {@code spillAbove} bytes, the rest in {@code spillFile} (created when needed). */
    ChunkedBuffer(Path spillFile, long spillAbove) {
        this.spillFile = spillFile;
        this.spillAbove = spillAbove;
    }

    @Override
    public void write(int b) throws IOException {
        if (spill != null || size + 1 > spillAbove) {
            write(new byte[] {(byte) b}, 0, 1);
            return;
        }
        if (used == current.length) {
            nextChunk();
        }
        current[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (spill != null || spillFile != null && size + len > spillAbove) {
            toSpillFile(b, off, len);
            return;
        }
        while (len > 0) {
            if (used == current.length) {
                nextChunk();
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    /** A failure here is the disk's, not the content's: unchecked, so that it is not taken for unreadable content. */
    private void toSpillFile(byte[] b, int off, int len) {
        try {
            if (spill == null) {
                spill = new BufferedOutputStream(Files.newOutputStream(spillFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 64 * 1024);
            }
            spill.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException("mail not written to " + spillFile, e);
        }
        spilled += len;
        size += len;
    }

    private void nextChunk() {
        current = new byte[current.length == 0 ? FIRST_CHUNK : Math.min(current.length * 2, LARGEST_CHUNK)];
        chunks.add(current);
        used = 0;
    }

    long size() {
        return size;
    }

    /** Whether part of it is in its spill file. */
    boolean spilled() {
        return spill != null;
    }

    /** Everything written is in the memory chunks or the spill file, for reading. */
    @Override
    public void flush() throws IOException {
        if (spill != null) {
            spill.flush();
        }
    }

    /** Deletes the spill file, if there is one; what it held cannot be read any more. */
    void release() {
        if (spill == null) {
            return;
        }
        try {
            spill.close();
            Files.deleteIfExists(spillFile);
        } catch (IOException e) {
            // left for the spool's clean-up at the next start
        }
    }

    /** What was written, as buffers over the chunks and the spill file (no copy); not to be written to afterwards. */
    List<ByteBuffer> buffers() throws IOException {
        flush();
        long inMemory = size - spilled;
        List<ByteBuffer> buffers = new ArrayList<>(chunks.size() + 1);
        long left = inMemory;
        for (byte[] chunk : chunks) {
            int n = (int) Math.min(chunk.length, left);
            buffers.add(ByteBuffer.wrap(chunk, 0, n));
            left -= n;
        }
        if (spill != null) {
            try (FileChannel file = FileChannel.open(spillFile, StandardOpenOption.READ)) {
                buffers.add(file.map(FileChannel.MapMode.READ_ONLY, 0, spilled));
            }
        }
        return buffers;
    }

    /** Reads what was written; the buffer must not be written to afterwards. */
    InputStream asInputStream() throws IOException {
        if (spill == null) {
            return inMemory(size);
        }
        flush();
        return new SequenceInputStream(inMemory(size - spilled), Files.newInputStream(spillFile));
    }

    private InputStream inMemory(long size) {
        return new InputStream() {
            private int chunk;
            private int offset;
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                if (offset == chunks.get(chunk).length) {
                    chunk++;
                    offset = 0;
                }
                int n = (int) Math.min(Math.min(len, chunks.get(chunk).length - offset), size - position);
                System.arraycopy(chunks.get(chunk), offset, b, off, n);
                offset += n;
                position += n;
                return n;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, size - position);
            }
        };
    }
}
