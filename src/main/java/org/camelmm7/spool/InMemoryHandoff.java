package org.camelmm7.spool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
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
 * At most {@code limits.mails()} mails are held at once (waiting or in delivery), together at most
 * {@code limits.bytes()} and none larger than 1 MiB (a file costs little next to a big mail's bytes,
 * and memory stays bounded however the places are filled); the others go through the spool's
 * store, as do all when the spool has no journal (a broker spool: the broker's acknowledgement is
 * the guarantee, so the mail must be in it) or nobody takes them.
 * <p>
 * When every place is taken the intake waits up to {@code limits.waitForPlace()} for one, as long as
 * the mail leg is freeing places: a mail leg slower than the intake then slows the intake (the
 * answer waits, the mail stays in memory) instead of writing and reading back a spool file per
 * mail, which cost a third of all the CPU under such a load (profiled). A mail leg that frees no
 * place within that wait (a relay that hangs) is not waited for: its mail goes through the store
 * at once.
 */
final class InMemoryHandoff {

    /** A mail held in memory, under its spool entry's name, with its size when it was handed over. */
    record Entry(String name, PickupMail mail, long size) {
    }

    private final SpoolJournal journal;
    private final int capacity;
    private final long bytesAtMost;
    private final long waitNanos;
    private final AtomicInteger held = new AtomicInteger();
    /** The bytes of the mails held, under this object's lock. */
    private long heldBytes;
    private final BlockingQueue<Entry> waiting = new LinkedBlockingQueue<>();
    private boolean taken;
    /** When a place was last taken or freed (System.nanoTime). */
    private long lastMove;
    /** The sizes of the mails whose intake waits for a place (size to how many), under this object's lock. */
    private final TreeMap<Long, Integer> waitingSizes = new TreeMap<>();

    InMemoryHandoff(SpoolJournal journal, HandoffLimits limits) {
        this.journal = journal;
        this.capacity = journal.enabled() ? limits.mails() : 0;
        this.bytesAtMost = limits.bytes();
        this.waitNanos = limits.waitForPlace().toNanos();
    }

    /**
     * Takes a place for the mail and queues it; false when there is none (after waiting for one while
     * the mail leg frees places), it is big, or no consumer takes mail now.
     */
    boolean offer(String name, Object body) {
        if (capacity == 0 || !(body instanceof PickupMail mail) || mail.size() > Math.min(PickupMail.LARGEST_IN_MEMORY, bytesAtMost)) {
            return false;
        }
        // one lock with drain(): a mail queued as the consumer stops would wait for the next start
        synchronized (this) {
            long size = mail.size();
            if (!placeWithin(size, waitNanos)) {
                return false;
            }
            held.incrementAndGet();
            heldBytes += size;
            lastMove = System.nanoTime();
            // before the consumer can see it: its journal segment is kept until it leaves
            journal.heldInMemory(name);
            waiting.add(new Entry(name, mail, size));
            return true;
        }
    }

    /** Under the lock: whether a place for {@code size} bytes is free, or frees within the wait while places are freed. */
    private boolean placeWithin(long size, long nanos) {
        if (!taken || fits(size)) {
            return taken;
        }
        waitingSizes.merge(size, 1, Integer::sum);
        try {
            long deadline = System.nanoTime() + nanos;
            while (taken && !fits(size)) {
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
        } finally {
            waitingSizes.computeIfPresent(size, (waiting, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Under the lock: whether a place is free and the bytes for a mail of this size. */
    private boolean fits(long size) {
        return held.get() < capacity && heldBytes + size <= bytesAtMost;
    }

    /** The next mail to deliver, or null after the wait. */
    Entry poll(long millis) throws InterruptedException {
        return waiting.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** A mail taken by {@link #poll} left memory: delivered, set aside or written to the store. */
    synchronized void release(Entry entry) {
        held.decrementAndGet();
        heldBytes -= entry.size();
        lastMove = System.nanoTime();
        if (waitingSizes.isEmpty()) {
            return;
        }
        // one place is free: the intake woken takes it, unless the bytes decide and it is too large where a
        // smaller one would fit; then all are woken (not always: under load every request thread may be waiting)
        if (fits(waitingSizes.firstKey()) && !fits(waitingSizes.lastKey())) {
            notifyAll();
        } else {
            notify();
        }
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
        left.forEach(entry -> heldBytes -= entry.size());
        return left;
    }

    /** Mails held now, waiting or in delivery. */
    int held() {
        return held.get();
    }
}
