package org.camelmm7.support;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A WARN (or ERROR) line that a flood cannot multiply: at most one per interval, saying how many
 * were suppressed since the last one. For events that can come thousands of times a second (a
 * connection over the cap, requests refused while the disk is full).
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    public void warn(String format, Object... args) {
        log(false, format, args);
    }

    /** The same at ERROR: for a fault of the gateway's own that a flood of requests would repeat (a full disk). */
    public void error(String format, Object... args) {
        log(true, format, args);
    }

    private void log(boolean error, String format, Object... args) {
        long now = System.nanoTime();
        long due = next.get();
        if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        String line = skipped > 0 ? format + " ({} more like it in the last {} ms)" : format;
        Object[] values = skipped > 0 ? append(args, skipped, intervalNanos / 1_000_000) : args;
        if (error) {
            log.error(line, values);
        } else {
            log.warn(line, values);
        }
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = new Object[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
