package org.camelmm7.client.mmsc;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One MMSC's {@code max-connections} (a fair semaphore), taken by the client's route before the
 * call and given back after it, and its {@link MmscPace} (which the call itself waits for, so a
 * submission waits for its connection first: one that got its departure time and then waited for a
 * connection would leave together with others, above the rate). The waiting thread sleeps: the
 * pickup (or a retry) is held back, which is the back-pressure wanted.
 */
final class MmscGate {

    private final MmscLimits limits;
    private final MmscPace pace;
    private final Semaphore connections;
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();

    MmscGate(MmscLimits limits) {
        this.limits = limits;
        this.pace = new MmscPace(limits);
        this.connections = limits.maxConnections() == 0 ? null : new Semaphore(limits.maxConnections(), true);
    }

    /** Waits for a connection; {@link #leave()} must follow once this returned. */
    void enter() throws InterruptedException {
        if (connections != null) {
            waiting.incrementAndGet();
            try {
                connections.acquire();
            } finally {
                waiting.decrementAndGet();
            }
        }
        inUse.incrementAndGet();
    }

    void leave() {
        inUse.decrementAndGet();
        if (connections != null) {
            connections.release();
        }
    }

    MmscPace pace() {
        return pace;
    }

    MmscLimits limits() {
        return limits;
    }

    int inUse() {
        return inUse.get();
    }

    int waiting() {
        return waiting.get();
    }
}
