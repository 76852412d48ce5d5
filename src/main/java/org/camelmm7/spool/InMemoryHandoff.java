package org.camelmm7.spool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camelmm7.email.PickupMail;

/**
 * Mail the spool's producer hands to its consumer in memory, right after the journal sync that made
 * it durable, instead of through a spool file: creating, listing, reading and deleting a file per
 * mail was a third of the intake's time and most of the spool poller's (profiled). The journal
 * keeps the entry until the mail leaves, so a crash loses nothing: the next start writes it to the
 * spool.
 * <p>
 * At most {@code capacity} mails are held at once (waiting or in delivery), none larger than 1 MiB
 * (a file costs little next to a big mail's bytes, and memory stays bounded); the others go through
 * the spool's store, as do all when the spool has no journal (a broker spool: the broker's
 * acknowledgement is the guarantee, so the mail must be in it) or nobody takes them.
 */
final class InMemoryHandoff {

    /** A mail held in memory, under its spool entry's name. */
    record Entry(String name, PickupMail mail) {
    }

    private final SpoolJournal journal;
    private final int capacity;
    private final AtomicInteger held = new AtomicInteger();
    private final BlockingQueue<Entry> waiting = new LinkedBlockingQueue<>();
    private boolean taken;

    InMemoryHandoff(SpoolJournal journal, int capacity) {
        this.journal = journal;
        this.capacity = journal.enabled() ? capacity : 0;
    }

    /** Takes a place for the mail and queues it; false when there is none, it is big, or no consumer takes mail now. */
    boolean offer(String name, Object body) {
        if (!(body instanceof PickupMail mail) || mail.size() > PickupMail.LARGEST_IN_MEMORY) {
            return false;
        }
        // one lock with drain(): a mail queued as the consumer stops would wait for the next start
        synchronized (this) {
            if (!taken || held.get() >= capacity) {
                return false;
            }
            held.incrementAndGet();
            // before the consumer can see it: its journal segment is kept until it leaves
            journal.heldInMemory(name);
            waiting.add(new Entry(name, mail));
            return true;
        }
    }

    /** The next mail to deliver, or null after the wait. */
    Entry poll(long millis) throws InterruptedException {
        return waiting.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** A mail taken by {@link #poll} left memory: delivered, set aside or written to the store. */
    void release() {
        held.decrementAndGet();
    }

    /** A consumer takes mail from memory from now on. */
    synchronized void taken() {
        taken = true;
    }

    /** No consumer takes mail from memory any more: the mails it did not take, for the store (their places are released). */
    synchronized List<Entry> notTaken() {
        taken = false;
        List<Entry> left = new ArrayList<>();
        waiting.drainTo(left);
        held.addAndGet(-left.size());
        return left;
    }

    /** Mails held now, waiting or in delivery. */
    int held() {
        return held.get();
    }
}
