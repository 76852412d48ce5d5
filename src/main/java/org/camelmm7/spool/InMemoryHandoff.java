package org.camelmm7.spool;

import java.time.Duration;
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
 * <p>
 * When every place is taken the intake waits up to {@code wait} for one, as long as the mail leg is
 * freeing places: a mail leg slower than the intake then slows the intake (the answer waits, the
 * mail stays in memory) instead of writing and reading back a spool file per mail, which cost a
 * third of all the CPU under such a load (profiled). A mail leg that frees no place within
 * {@code wait} (a relay that hangs) is not waited for: its mail goes through the store at once.
 */
final class InMemoryHandoff {

    /** A mail held in memory, under its spool entry's name. */
    record Entry(String name, PickupMail mail) {
    }

    private final SpoolJournal journal;
    private final int capacity;
    private final long waitNanos;
    private final AtomicInteger held = new AtomicInteger();
    private final BlockingQueue<Entry> waiting = new LinkedBlockingQueue<>();
    private boolean taken;
    /** When a place was last taken or freed (System.nanoTime). */
    private long lastMove;

    InMemoryHandoff(SpoolJournal journal, int capacity, Duration wait) {
        this.journal = journal;
        this.capacity = journal.enabled() ? capacity : 0;
        this.waitNanos = wait.toNanos();
    }

    /**
     * Takes a place for the mail and queues it; false when there is none (after waiting for one while
     * the mail leg frees places), it is big, or no consumer takes mail now.
     */
    boolean offer(String name, Object body) {
        if (capacity == 0 || !(body instanceof PickupMail mail) || mail.size() > PickupMail.LARGEST_IN_MEMORY) {
            return false;
        }
        // one lock with drain(): a mail queued as the consumer stops would wait for the next start
        synchronized (this) {
            if (!placeWithin(waitNanos)) {
                return false;
            }
            held.incrementAndGet();
            lastMove = System.nanoTime();
            // before the consumer can see it: its journal segment is kept until it leaves
            journal.heldInMemory(name);
            waiting.add(new Entry(name, mail));
            return true;
        }
    }

    /** Under the lock: whether a place is free, or frees within the wait while places keep being freed. */
    private boolean placeWithin(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (taken && held.get() >= capacity) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || now - lastMove > nanos) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return taken;
    }

    /** The next mail to deliver, or null after the wait. */
    Entry poll(long millis) throws InterruptedException {
        return waiting.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** A mail taken by {@link #poll} left memory: delivered, set aside or written to the store. */
    synchronized void release() {
        held.decrementAndGet();
        lastMove = System.nanoTime();
        notify();
    }

    /** A consumer takes mail from memory from now on. */
    synchronized void taken() {
        taken = true;
    }

    /** No consumer takes mail from memory any more: the mails it did not take, for the store (their places are released). */
    synchronized List<Entry> notTaken() {
        taken = false;
        notifyAll(); // an intake waiting for a place takes the store
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
