package org.camelmm7.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before anything reads the spool: the segments a crash left behind are read, every
 * entry that had not left the spool is written back into the spool directory from the journal
 * (its spool file may have been lost or cut short with the page cache) and synced, entries
 * recorded as gone have their spool file removed if it is still there, and the segments are
 * deleted. After a clean stop there is nothing to do.
 */
final class JournalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {
    }

    /** Where an entry's bytes are. */
    private record Location(Path segment, long offset, int length) {
    }

    /** @return the highest segment number found (0 when none), so new segments sort after the old ones */
    static long recover(Path journalDir, Path spoolDir, String suffix) throws IOException {
        List<Path> segments = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(journalDir, "*" + suffix)) {
            found.forEach(segments::add);
        }
        segments.sort(null);
        if (segments.isEmpty()) {
            return 0;
        }
        Map<String, Location> entries = new LinkedHashMap<>();
        Set<String> gone = new HashSet<>();
        for (Path segment : segments) {
            read(segment, entries, gone);
        }
        int restored = 0;
        int removed = 0;
        for (Map.Entry<String, Location> e : entries.entrySet()) {
            if (gone.contains(e.getKey())) {
                removed += Files.deleteIfExists(spoolDir.resolve(e.getKey())) ? 1 : 0;
            } else {
                restore(e.getKey(), e.getValue(), spoolDir);
                restored++;
            }
        }
        SpoolJournal.syncDirectory(spoolDir);
        for (Path segment : segments) {
            Files.delete(segment);
        }
        SpoolJournal.syncDirectory(journalDir);
        LOG.warn("spool journal: the gateway did not stop cleanly; {} entries written back to {} from {} segments, {} already delivered"
                + " removed", restored, spoolDir, segments.size(), removed);
        String last = segments.get(segments.size() - 1).getFileName().toString();
        try {
            return Long.parseLong(last.substring(0, last.length() - suffix.length()));
        } catch (NumberFormatException notOurs) {
            return 0;
        }
    }

    private static void read(Path segment, Map<String, Location> entries, Set<String> gone) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            long position = 0;
            for (JournalRecord r = JournalRecord.read(channel, position); r != null; r = JournalRecord.read(channel, position)) {
                if (r.type() == JournalRecord.ENTRY) {
                    entries.put(r.name(), new Location(segment, r.payloadOffset(), r.payloadLength()));
                } else {
                    gone.add(r.name());
                }
                position = r.end();
            }
            if (position < channel.size()) {
                // a batch cut short by the crash: its sync never returned, so none of it was acknowledged
                LOG.warn("spool journal: the last {} bytes of {} were never synced and are ignored", channel.size() - position, segment);
            }
        }
    }

    /** The entry's spool file, rewritten from the journal under a temporary name, synced, then renamed over whatever is there. */
    private static void restore(String name, Location at, Path spoolDir) throws IOException {
        Path target = spoolDir.resolve(name).normalize();
        if (!spoolDir.equals(target.getParent())) {
            LOG.error("spool journal: entry name '{}' is not a plain file name; skipped", name);
            return;
        }
        Path part = spoolDir.resolve("." + name + ".part");
        try (FileChannel from = FileChannel.open(at.segment(), StandardOpenOption.READ);
             FileChannel to = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (long copied = 0; copied < at.length(); ) {
                long n = from.transferTo(at.offset() + copied, at.length() - copied, to);
                if (n <= 0) {
                    throw new IOException("segment " + at.segment() + " ends inside entry " + name);
                }
                copied += n;
            }
            to.force(true);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
