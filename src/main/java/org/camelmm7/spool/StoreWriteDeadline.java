package org.camelmm7.spool;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ends a write to the spool's store that outlasts its time by interrupting the thread waiting in it.
 * A broker beyond its disk limit (Artemis's {@code max-disk-usage}), or with an address full under
 * its {@code BLOCK} policy, gives producers no credit, and its client waits for credit without end:
 * the request would hold its worker thread as long, and once all are held, every other request
 * waits too. Interrupted, the client gives up before it sent the message (it had no credit to send
 * it), the write fails and the MMSC is answered 4006. The interrupt never outlives the write: the
 * thread goes back to its pool with its flag cleared.
 */
final class StoreWriteDeadline {

    /** A write that may block, as the store's producer does. */
    interface Write {
        void run() throws Exception;
    }

    private static final int WRITING = 0;
    private static final int FINISHED = 1;
    private static final int INTERRUPTED = 2;

    private final ScheduledExecutorService timer;
    private final long millis;

    /** @param time how long a write may take; zero: as long as it takes */
    StoreWriteDeadline(ScheduledExecutorService timer, Duration time) {
        this.timer = timer;
        this.millis = time.toMillis();
    }

    /** Runs the write; true when it ran out of time and its thread was interrupted. */
    boolean overran(Write write) throws Exception {
        if (millis <= 0) {
            write.run();
            return false;
        }
        Thread writer = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(WRITING);
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            if (state.compareAndSet(WRITING, INTERRUPTED)) {
                writer.interrupt();
            }
        }, millis, TimeUnit.MILLISECONDS);
        try {
            write.run();
        } finally {
            alarm.cancel(false);
            if (!state.compareAndSet(WRITING, FINISHED)) {
                Thread.interrupted(); // the interrupt was for this write only
            }
        }
        return state.get() == INTERRUPTED;
    }
}
