package org.camelmm7.mail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;

/**
 * Forces the file a Camel file producer just wrote, and its directory entry, to disk: Camel's file
 * producer writes and renames but does not fsync. Used before the MMSC hears 1000 (the spool) and
 * before a spool entry is deleted (a file outbox). For endpoints that are not directories (JMS,
 * SMTP) there is no produced file and the endpoint's own acknowledgement is the guarantee.
 */
public final class FileSync {

    /** The directories' entries are synced for concurrent writers together. */
    private final Map<Path, DirectorySync> directories = new ConcurrentHashMap<>();

    public void sync(Exchange exchange) throws IOException {
        String produced = exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
        if (produced == null) {
            return;
        }
        Path file = Path.of(produced).toAbsolutePath();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
        directories.computeIfAbsent(file.getParent(), DirectorySync::new).await();
    }

    /** Directory syncs made for the files of {@code directory} so far. */
    long directorySyncs(Path directory) {
        DirectorySync sync = directories.get(directory.toAbsolutePath());
        return sync == null ? 0 : sync.syncs();
    }
}
