package org.camelmm7.client.mmsc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An MMSC's {@code max-rate}: requests leave on a smooth schedule, the next 1/rate after the last or
 * now if that is later (GCRA's virtual scheduling without a burst allowance). Kept by the MMSC's CXF
 * client ({@link PaceBeforeSending}). Free of CXF: a gateway without MM7 domains runs without it.
 */
final class MmscPace {

    private final long intervalNanos;
    private long nextDeparture;
    private boolean started;

    MmscPace(MmscLimits limits) {
        this.intervalNanos = limits.intervalNanos();
    }

    /** Returns at this request's departure time; a request interrupted while waiting loses its turn. */
    void awaitTurn() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long departure;
        synchronized (this) {
            long now = System.nanoTime();
            departure = !started || now - nextDeparture > 0 ? now : nextDeparture;
            nextDeparture = departure + intervalNanos;
            started = true;
        }
        // parkNanos may wake early: the departure time is never brought forward
        for (long left = departure - System.nanoTime(); left > 0; left = departure - System.nanoTime()) {
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped while waiting for the MMSC's pace");
            }
        }
    }
}
