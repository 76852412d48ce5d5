package org.camelmm7.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.Exchange;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All logger instances, mms_logger and mms_bounce_logger alike. Routes record events here; each
 * logger that writes the record gets a formatted line, appended to that log's pending batch in
 * memory. The log writer route takes the batches every few milliseconds ({@link #drain()}) and
 * appends each to its file with Camel's file endpoint. Recording is a few string operations
 * under a short lock: it never waits for the disk and never throws, so it cannot slow or fail a
 * request. No recorded line is ever dropped: once more than {@code mms.logger.max-pending-bytes}
 * wait (a log file system that is full, read-only or slow), {@link #isBehind()} tells the intake
 * to push back — the listener answers 4006 and the pickup pauses — until the writer catches up.
 */
public final class MmsLogs {

    private static final Logger LOG = LoggerFactory.getLogger(MmsLogs.class);
    private final List<MmsLogger> loggers;
    /** Pending text beyond which the intake pushes back (lines recorded meanwhile are kept all the same). */
    private final long maxPendingChars;
    private final Map<MmsLogger, Long> lastHeartbeat = new HashMap<>();
    private Map<MmsLogger, StringBuilder> pending = new LinkedHashMap<>();
    private long pendingChars;
    /** Characters handed to the writer by the last drain: written, unless the file refuses them (putBack). */
    private long inFlightChars;
    private int pendingLines;
    private volatile boolean behind;
    private final LongAdder unwritten = new LongAdder();
    private final RateLimitedLog notWritten = new RateLimitedLog(LOG, 10_000);

    public MmsLogs(List<MmsLogger> loggers, long maxPendingChars) {
        this.loggers = List.copyOf(loggers);
        this.maxPendingChars = maxPendingChars;
        this.loggers.forEach(MmsLogger::prepareDirectory);
    }

    public List<MmsLogger> loggers() {
        return loggers;
    }

    /** Formats the event for every logger that writes this record type and queues the lines. */
    public void record(RecordType type, MmsEvent event) {
        for (MmsLogger logger : loggers) {
            if (logger.log() == type.log()) {
                String line = logger.format(type, event);
                if (line != null) {
                    queue(logger, line);
                }
            }
        }
    }

    /** Queues the heartbeat ({@code M}) of each logger whose interval has passed. */
    public void heartbeat(Instant now) {
        for (MmsLogger logger : loggers) {
            if (logger.heartbeatSeconds() <= 0) {
                continue;
            }
            synchronized (lastHeartbeat) {
                Long last = lastHeartbeat.get(logger);
                if (last != null && now.getEpochSecond() - last < logger.heartbeatSeconds()) {
                    continue;
                }
                lastHeartbeat.put(logger, now.getEpochSecond());
            }
            String line = logger.format(logger.heartbeatRecord(), MmsEvent.at(now).build());
            if (line != null) {
                queue(logger, line);
            }
        }
    }

    /** Called every second by the heartbeat route. */
    public void writeHeartbeats() {
        heartbeat(Instant.now());
    }

    /** The lines queued since the last call, one batch per log file, in the order they were recorded. */
    public List<LogBatch> drain() {
        Map<MmsLogger, StringBuilder> taken;
        synchronized (this) {
            // the writer takes one batch at a time: what the last drain took is written or put back by now
            inFlightChars = pendingChars;
            if (pending.isEmpty()) {
                updateBehind();
                return List.of();
            }
            taken = pending;
            pending = new LinkedHashMap<>();
            pendingChars = 0;
            pendingLines = 0;
            updateBehind();
        }
        List<LogBatch> batches = new ArrayList<>(taken.size());
        taken.forEach((logger, text) -> batches.add(new LogBatch(logger.target(), text.toString())));
        return batches;
    }

    /**
     * A batch its log file did not take (a full or read-only file system): back at the front of
     * that log's queue, written with the next batch once the file takes it. Billing reads these
     * lines; none is given up, and the intake pushes back while too many wait.
     */
    public void putBack(Exchange exchange) {
        String target = Mm7Exchange.LOG_FILE.get(exchange);
        String lines = exchange.getMessage().getBody(String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        MmsLogger logger = loggers.stream().filter(l -> l.target().equals(target)).findFirst().orElse(null);
        if (logger == null || lines == null || lines.isEmpty()) {
            return;
        }
        int count = (int) lines.chars().filter(c -> c == '\n').count();
        int waiting;
        synchronized (this) {
            pending.computeIfAbsent(logger, l -> new StringBuilder(4096)).insert(0, lines);
            pendingChars += lines.length();
            inFlightChars = Math.max(0, inFlightChars - lines.length());
            pendingLines += count;
            unwritten.add(count);
            waiting = pendingLines;
            updateBehind();
        }
        notWritten.error("{}: {} line(s) wait to be written, kept in memory and tried again: {}", logger.name(), waiting,
                cause == null ? "unknown" : cause.getMessage());
    }

    /** Lines a log file refused at least once (each written later, or still waiting). */
    public long refusedLines() {
        return unwritten.sum();
    }

    /** At shutdown, after the writer route stopped: appends what is still queued directly. */
    public void flushOnStop() {
        for (MmsLogger logger : loggers) {
            StringBuilder rest;
            synchronized (this) {
                rest = pending.remove(logger);
            }
            if (rest == null) {
                continue;
            }
            try {
                Files.writeString(logger.file(), rest, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.error("{}: {} characters of log lines could not be written at shutdown: {}", logger.name(), rest.length(), e.toString());
            }
        }
    }

    private synchronized void queue(MmsLogger logger, String line) {
        pending.computeIfAbsent(logger, l -> new StringBuilder(4096)).append(line).append('\n');
        pendingChars += line.length() + 1;
        pendingLines++;
        updateBehind();
    }

    /** Behind above the limit; caught up again below half of it (no flapping at the edge). */
    private void updateBehind() {
        long waiting = pendingChars + inFlightChars;
        boolean now = behind ? waiting > maxPendingChars / 2 : waiting > maxPendingChars;
        if (now != behind) {
            behind = now;
            if (now) {
                LOG.warn("MMS log: more than {} characters wait to be written; new MM7 requests are answered 4006 and the pickup"
                        + " pauses until the log files take them (no line is dropped)", maxPendingChars);
            } else {
                LOG.info("MMS log: caught up; taking MM7 requests and picking up mail again");
            }
        }
    }

    /** Whether so much waits to be written that the intake should push back (mms.logger.max-pending-bytes). */
    public boolean isBehind() {
        return behind;
    }

    /** Lines queued and not yet handed to the writer: what a kill -9 would lose now. */
    public synchronized int pendingLines() {
        return pendingLines;
    }
}
