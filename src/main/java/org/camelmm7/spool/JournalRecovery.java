package org.camelmm7.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before anything reads the spool: the segments left by the last run (a stop leaves
 * them as they are, a crash too) are read; an entry that has not left the spool gets its spool
 * file back from the journal unless the file there holds exactly its bytes (a crash or power cut
 * may have lost or cut it); a spool file whose entry is recorded as gone is removed. The segments
 * are then taken over, with the entries still pending, by the journal's checkpoints.
 */
final class JournalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {
    }

    /** What the last run left: its segments, oldest first, each with the entries still in the spool. */
    record Adopted(long highestSequence, Map<Path, Set<String>> pendingBySegment, int damagedRecords) {
    }

    /** Where an entry's bytes are. */
    private record Location(Path segment, long offset, int length, int crc) {
    }

    static Adopted recover(Path journalDir, Path spoolDir, String suffix) throws IOException {
        List<Path> segments = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(journalDir, "*" + suffix)) {
            found.forEach(segments::add);
        }
        segments.sort(null);
        Map<Path, Set<String>> pending = new LinkedHashMap<>();
        if (segments.isEmpty()) {
            return new Adopted(0, pending, 0);
        }
        Map<String, Location> entries = new LinkedHashMap<>();
        Set<String> gone = new HashSet<>();
        int damaged = 0;
        for (Path segment : segments) {
            pending.put(segment, new LinkedHashSet<>());
            damaged += read(segment, entries, gone);
        }
        int restored = 0;
        int removed = 0;
        for (Map.Entry<String, Location> e : entries.entrySet()) {
            Path spoolFile = spoolDir.resolve(e.getKey()).normalize();
            if (!spoolDir.equals(spoolFile.getParent())) {
                LOG.error("spool journal: entry name '{}' is not a plain file name; skipped", e.getKey());
            } else if (gone.contains(e.getKey())) {
                removed += Files.deleteIfExists(spoolFile) ? 1 : 0;
            } else {
                if (!holds(spoolFile, e.getValue())) {
                    restore(spoolFile, e.getValue());
                    restored++;
                }
                pending.get(e.getValue().segment()).add(e.getKey());
            }
        }
        int waiting = pending.values().stream().mapToInt(Set::size).sum();
        LOG.info("spool journal: {} segments from the last run with {} entries still in the spool; {} written back from the journal,"
                + " {} spool files of delivered entries removed", segments.size(), waiting, restored, removed);
        String last = segments.get(segments.size() - 1).getFileName().toString();
        long highest;
        try {
            highest = Long.parseLong(last.substring(0, last.length() - suffix.length()));
        } catch (NumberFormatException notOurs) {
            highest = 0;
        }
        return new Adopted(highest, pending, damaged);
    }

    /**
     * Reads a segment's records into {@code entries} and {@code gone}; returns how many damaged
     * records it skipped. A damaged record inside the segment is skipped alone, named at ERROR, and
     * reading goes on at the next whole record: an ENTRY of it is not written back (its bytes are
     * not to be trusted; its spool file, if still there, is delivered as usual), a DONE of it may
     * let its entry be delivered again. Bytes after the last whole record are a batch a crash cut
     * short, never acknowledged.
     */
    private static int read(Path segment, Map<String, Location> entries, Set<String> gone) throws IOException {
        int damaged = 0;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            long position = 0;
            while (position < channel.size()) {
                JournalRecord r = JournalRecord.read(channel, position);
                if (r != null) {
                    if (r.type() == JournalRecord.ENTRY) {
                        entries.put(r.name(), new Location(segment, r.payloadOffset(), r.payloadLength(), r.payloadCrc()));
                    } else {
                        gone.add(r.name());
                    }
                    position = r.end();
                    continue;
                }
                long next = JournalRecord.nextWhole(channel, position + 1);
                if (next < 0) {
                    // a batch cut short by a crash: its sync never returned, so none of it was acknowledged
                    LOG.warn("spool journal: the last {} bytes of {} were never synced and are ignored", channel.size() - position, segment);
                    break;
                }
                String named = JournalRecord.nameAt(channel, position);
                damaged++;
                LOG.error("spool journal: a damaged record at byte {} of {} skipped ({} bytes{}); reading on at the next whole record",
                        position, segment, next - position, named == null ? ", its entry name unreadable"
                                : ", entry '" + named + "' as the damaged record names it: not written back from the journal");
                position = next;
            }
        }
        return damaged;
    }

    /** Whether the spool file is there with exactly the entry's bytes (same length, same CRC32C). */
    private static boolean holds(Path spoolFile, Location entry) throws IOException {
        try (FileChannel file = FileChannel.open(spoolFile, StandardOpenOption.READ)) {
            if (file.size() != entry.length()) {
                return false;
            }
            CRC32C crc = new CRC32C();
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            while (file.read(chunk.clear()) > 0) {
                crc.update(chunk.flip());
            }
            return (int) crc.getValue() == entry.crc();
        } catch (NoSuchFileException lost) {
            return false;
        }
    }

    /**
     * Writes the spool files of entries {@code names} from {@code segment} (each one's last ENTRY
     * record there), as a start would: for entries whose spool file could not be written when their
     * mail was handed on. The segment is read once for all of them.
     *
     * @return the names written; one the segment holds no whole ENTRY record of is not among them
     * @throws IOException when a spool file cannot be written (those before it are written)
     */
    static Set<String> writeBack(Path segment, Set<String> names, Path spoolDir) throws IOException {
        Map<String, Location> found = new HashMap<>();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            for (JournalRecord r = JournalRecord.read(channel, 0); r != null; r = JournalRecord.read(channel, r.end())) {
                if (r.type() == JournalRecord.ENTRY && names.contains(r.name())) {
                    found.put(r.name(), new Location(segment, r.payloadOffset(), r.payloadLength(), r.payloadCrc()));
                }
            }
        }
        Set<String> written = new HashSet<>();
        for (Map.Entry<String, Location> entry : found.entrySet()) {
            Path spoolFile = spoolDir.resolve(entry.getKey()).normalize();
            if (spoolDir.equals(spoolFile.getParent())) {
                restore(spoolFile, entry.getValue());
                written.add(entry.getKey());
            }
        }
        return written;
    }

    /** The entry's spool file, rewritten from the journal under a temporary name and renamed over whatever is there. */
    private static void restore(Path spoolFile, Location at) throws IOException {
        Path part = spoolFile.resolveSibling("." + spoolFile.getFileName() + ".part");
        try (FileChannel from = FileChannel.open(at.segment(), StandardOpenOption.READ);
             FileChannel to = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (long copied = 0; copied < at.length(); ) {
                long n = from.transferTo(at.offset() + copied, at.length() - copied, to);
                if (n <= 0) {
                    throw new IOException("segment " + at.segment() + " ends inside entry " + spoolFile.getFileName());
                }
                copied += n;
            }
        }
        Files.move(part, spoolFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
