package org.camelmm7.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One record of the spool journal. An ENTRY holds a spool entry (its file name and bytes); a
 * DONE says the entry left the spool (delivered or set aside). Layout, big-endian:
 * <pre>
 *   int   magic 0x4D4D374A ("MM7J")
 *   byte  type (1 ENTRY, 2 DONE)
 *   short name length
 *   int   payload length
 *   int   CRC32C of type, name and payload
 *   name (UTF-8), payload
 * </pre>
 * A record cut short by a crash at the end of a segment fails its checks: it was never
 * acknowledged, since acknowledgement follows the sync. A damaged record inside a segment fails
 * them too; reading goes on at the next record that reads whole ({@link #nextWhole}). Read back, a
 * record also carries the CRC32C of its payload alone, to check a spool file against it.
 */
record JournalRecord(byte type, String name, long payloadOffset, int payloadLength, int payloadCrc) {

    static final byte ENTRY = 1;
    static final byte DONE = 2;

    private static final int MAGIC = 0x4D4D374A;
    private static final int HEADER = 4 + 1 + 2 + 4 + 4;
    private static final int MAX_NAME = 1024;

    /** The buffers that write one record: header, name, then the payload's buffers as given. */
    static List<ByteBuffer> encode(byte type, String name, List<ByteBuffer> payload) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > MAX_NAME) {
            throw new IllegalArgumentException("spool entry name longer than " + MAX_NAME + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(type);
        crc.update(nameBytes);
        long length = 0;
        for (ByteBuffer b : payload) {
            length += b.remaining();
            crc.update(b.duplicate());
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("spool entry over 2 GiB");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER + nameBytes.length);
        header.putInt(MAGIC).put(type).putShort((short) nameBytes.length).putInt((int) length).putInt((int) crc.getValue()).put(nameBytes).flip();
        List<ByteBuffer> record = new ArrayList<>(payload.size() + 1);
        record.add(header);
        for (ByteBuffer b : payload) {
            record.add(b.duplicate());
        }
        return record;
    }

    /**
     * Reads the record at {@code position}, checking its CRC; null at the end of the segment or at
     * a record that is incomplete or damaged (the end of what was ever synced).
     */
    static JournalRecord read(FileChannel segment, long position) throws IOException {
        long size = segment.size();
        if (position + HEADER > size) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(segment, header, position);
        header.flip();
        int magic = header.getInt();
        byte type = header.get();
        int nameLength = header.getShort() & 0xFFFF;
        int payloadLength = header.getInt();
        int expectedCrc = header.getInt();
        if (magic != MAGIC || (type != ENTRY && type != DONE) || nameLength > MAX_NAME || payloadLength < 0
                || position + HEADER + nameLength + payloadLength > size) {
            return null;
        }
        ByteBuffer nameBytes = ByteBuffer.allocate(nameLength);
        readFully(segment, nameBytes, position + HEADER);
        CRC32C crc = new CRC32C();
        crc.update(type);
        crc.update(nameBytes.array());
        CRC32C payloadCrc = new CRC32C();
        long payloadOffset = position + HEADER + nameLength;
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        for (long at = payloadOffset, end = payloadOffset + payloadLength; at < end; ) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - at));
            readFully(segment, chunk, at);
            at += chunk.position();
            crc.update(chunk.flip());
            payloadCrc.update(chunk.rewind());
        }
        if ((int) crc.getValue() != expectedCrc) {
            return null;
        }
        return new JournalRecord(type, new String(nameBytes.array(), StandardCharsets.UTF_8), payloadOffset, payloadLength,
                (int) payloadCrc.getValue());
    }

    /**
     * Where the next record that reads whole (its checks and CRC hold) begins at or after
     * {@code from}; -1 when none does. After a damaged record, reading goes on from there.
     */
    static long nextWhole(FileChannel segment, long from) throws IOException {
        long size = segment.size();
        ByteBuffer window = ByteBuffer.allocate(64 * 1024);
        for (long at = from; at + HEADER <= size; ) {
            window.clear();
            int n = segment.read(window, at);
            if (n < 4) {
                return -1;
            }
            for (int i = 0; i + 4 <= n; i++) {
                if (window.getInt(i) == MAGIC && read(segment, at + i) != null) {
                    return at + i;
                }
            }
            at += n - 3; // a magic number across two windows is seen in the next
        }
        return -1;
    }

    /** The entry name a record at {@code position} gives, if its header reads as one; for naming what was damaged. */
    static String nameAt(FileChannel segment, long position) throws IOException {
        if (position + HEADER > segment.size()) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(segment, header, position);
        header.flip();
        if (header.getInt() != MAGIC) {
            return null;
        }
        header.get();
        int nameLength = header.getShort() & 0xFFFF;
        if (nameLength == 0 || nameLength > MAX_NAME || position + HEADER + nameLength > segment.size()) {
            return null;
        }
        ByteBuffer name = ByteBuffer.allocate(nameLength);
        readFully(segment, name, position + HEADER);
        return new String(name.array(), StandardCharsets.UTF_8);
    }

    long end() {
        return payloadOffset + payloadLength;
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) {
                throw new IOException("segment ended inside a record");
            }
        }
    }
}
