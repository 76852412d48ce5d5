package org.camelmm7.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camelmm7.email.DeliverReqToEmail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, removes what an interrupted write left in the spool or the outbox: hidden
 * {@code .<name>.part} temporary files, and the hidden {@code .<ID>.spill} files large mails keep
 * their bytes in while they are written (the journal holds any such mail that was accepted). A spool entry is renamed from its temporary name before
 * the MMSC hears 1000, so such a file was never accepted (the MMSC was answered 4006, or not at
 * all, and sends it again); in the outbox the spool entry it came from is still there.
 */
public final class UnfinishedWrites {

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedWrites.class);

    private UnfinishedWrites() {
    }

    /** @param directory a spool or outbox directory, or null for an endpoint that is not one */
    public static int removeFrom(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, ".*.part")) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
                LOG.warn("removed {}, left by a write that did not finish (never accepted)", part);
                removed++;
            }
            // a large mail's spill file: the mail is in the journal if it was accepted, and its spill file no longer needed
            try (DirectoryStream<Path> spills = Files.newDirectoryStream(directory, ".*" + DeliverReqToEmail.SPILL_SUFFIX)) {
                for (Path spill : spills) {
                    Files.deleteIfExists(spill);
                    LOG.info("removed {}, a mail's spill file left by the last run", spill);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.error("unfinished writes in {} could not be removed: {}", directory, e.toString());
        }
        return removed;
    }
}
