package org.camelmm7.email;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory output stream kept in chunks and read back without copying: unlike a
 * ByteArrayOutputStream it never copies what it holds, so a 10 MB mail costs about 10 MB while it
 * is written to the spool. Chunks start small and double up to 256 KiB, so a small mail does not
 * pay for a large buffer, and no chunk is a G1 humongous object (half a region or more: 512 KiB in a
 * heap under 2 GiB), which takes whole regions of its own: a 1 MiB chunk and its array header need
 * two 1 MiB regions.
 */
final class ChunkedBuffer extends OutputStream {

    private static final int FIRST_CHUNK = 16 * 1024;
    private static final int LARGEST_CHUNK = 256 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current = new byte[0];
    private int used;
    private long size;

    @Override
    public void write(int b) {
        if (used == current.length) {
            nextChunk();
        }
        current[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
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

    private void nextChunk() {
        current = new byte[current.length == 0 ? FIRST_CHUNK : Math.min(current.length * 2, LARGEST_CHUNK)];
        chunks.add(current);
        used = 0;
    }

    long size() {
        return size;
    }

    /** What was written, as buffers over the chunks (no copy; not to be written to); the buffer must not be written to afterwards. */
    List<ByteBuffer> buffers() {
        List<ByteBuffer> buffers = new ArrayList<>(chunks.size());
        long left = size;
        for (byte[] chunk : chunks) {
            int n = (int) Math.min(chunk.length, left);
            buffers.add(ByteBuffer.wrap(chunk, 0, n));
            left -= n;
        }
        return buffers;
    }

    /** Reads what was written; the buffer must not be written to afterwards. */
    InputStream asInputStream() {
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
