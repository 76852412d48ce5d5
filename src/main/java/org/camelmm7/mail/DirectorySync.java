package org.camelmm7.mail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;

/**
 * Forces one directory's entries to disk for many writers at once: a writer that has renamed its
 * file into the directory waits for a sync that began after its rename, and one sync serves every
 * writer that arrived before it began (group commit, as the spool journal does for its records).
 * Concurrent deliveries into an outbox thus share directory syncs instead of queueing one each.
 * A sync that fails (a {@code Force} that throws) fails its caller only: the next waiter syncs
 * again itself.
 */
final class DirectorySync {

    /** What a sync does: fsync the directory; tests put a recording one in its place. */
    interface Force {
        void run() throws IOException;
    }

    private final Path directory;
    private final Force force;
    private final Object lock = new Object();
    private long requested;
    private long covered;
    private boolean syncing;
    private final LongAdder syncs = new LongAdder();

    DirectorySync(Path directory) {
        this.directory = directory;
        this.force = this::fsync;
    }

    DirectorySync(Path directory, Force force) {
        this.directory = directory;
        this.force = force;
    }

    /** Returns once a sync of the directory that began after this call has completed. */
    void await() throws IOException {
        long upTo;
        synchronized (lock) {
            long ticket = ++requested;
            while (covered < ticket && syncing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for a sync of " + directory, e);
                }
            }
            if (covered >= ticket) {
                return;
            }
            syncing = true;
            upTo = requested; // every writer that has a ticket renamed before this sync begins
        }
        boolean done = false;
        try {
            force.run();
            syncs.increment();
            done = true;
        } finally {
            synchronized (lock) {
                syncing = false;
                if (done) {
                    covered = Math.max(covered, upTo);
                }
                lock.notifyAll();
            }
        }
    }

    /** Syncs made so far (fewer than the calls when writers came together). */
    long syncs() {
        return syncs.sum();
    }

    private void fsync() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException directoriesCannotBeSynced) {
            // some file systems refuse to open or sync directories; the files themselves are synced
        }
    }
}
