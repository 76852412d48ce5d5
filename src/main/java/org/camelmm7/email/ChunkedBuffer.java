package org.camelmm7.email;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory output stream kept in fixed-size chunks and read back without copying: unlike a
 * ByteArrayOutputStream it never doubles its array nor copies it out, so a 10 MB mail costs
 * about 10 MB while it is written to the spool.
 */
final class ChunkedBuffer extends OutputStream {

    private static final int CHUNK = 256 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private int used = CHUNK;
    private long size;

    @Override
    public void write(int b) {
        if (used == CHUNK) {
            chunks.add(new byte[CHUNK]);
            used = 0;
        }
        chunks.get(chunks.size() - 1)[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == CHUNK) {
                chunks.add(new byte[CHUNK]);
                used = 0;
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, chunks.get(chunks.size() - 1), used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    long size() {
        return size;
    }

    /** Reads what was written; the buffer must not be written to afterwards. */
    InputStream asInputStream() {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                byte b = chunks.get((int) (position / CHUNK))[(int) (position % CHUNK)];
                position++;
                return b & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int chunkOffset = (int) (position % CHUNK);
                int n = (int) Math.min(Math.min(len, CHUNK - chunkOffset), size - position);
                System.arraycopy(chunks.get((int) (position / CHUNK)), chunkOffset, b, off, n);
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
