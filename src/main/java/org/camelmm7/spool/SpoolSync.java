package org.camelmm7.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.camel.Exchange;

/**
 * Forces a spool file and its directory entry to disk before the MMSC hears 1000: Camel's file
 * producer writes and renames but does not fsync. For a spool that is not a directory (JMS,
 * Kafka) there is no produced file and the endpoint's own acknowledgement is the guarantee.
 */
public final class SpoolSync {

    public void sync(Exchange exchange) throws IOException {
        String produced = exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
        if (produced == null) {
            return;
        }
        Path file = Path.of(produced).toAbsolutePath();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException directoriesCannotBeOpened) {
            // some file systems refuse to open directories; the file itself is synced
        }
    }
}
