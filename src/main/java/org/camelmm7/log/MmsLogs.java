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
 * request.
 */
public final class MmsLogs {

    private static final Logger LOG = LoggerFactory.getLogger(MmsLogs.class);
    /** Pending text beyond which new lines are dropped (and counted) rather than exhausting memory. */
    private static final int MAX_PENDING_CHARS = 32 * 1024 * 1024;

    private final List<MmsLogger> loggers;
    private final Map<MmsLogger, Long> lastHeartbeat = new HashMap<>();
    private Map<MmsLogger, StringBuilder> pending = new LinkedHashMap<>();
    private int pendingChars;
    private int pendingLines;
    private long dropped;
    private final LongAdder unwritten = new LongAdder();
    private final RateLimitedLog notWritten = new RateLimitedLog(LOG, 10_000);

    public MmsLogs(List<MmsLogger> loggers) {
        this.loggers = List.copyOf(loggers);
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
        long lost;
        synchronized (this) {
            if (pending.isEmpty() && dropped == 0) {
                return List.of();
            }
            taken = pending;
            pending = new LinkedHashMap<>();
            pendingChars = 0;
            pendingLines = 0;
            lost = dropped;
            dropped = 0;
        }
        if (lost > 0) {
            LOG.error("{} MMS log line(s) were dropped: the log writer fell more than {} characters behind", lost, MAX_PENDING_CHARS);
        }
        List<LogBatch> batches = new ArrayList<>(taken.size());
        taken.forEach((logger, text) -> batches.add(new LogBatch(logger.target(), text.toString())));
        return batches;
    }

    /**
     * A batch its log file did not take (a full or read-only file system): back at the front of
     * that log's queue, written with the next batch once the file takes it. Billing reads these
     * lines; none is given up. (The queue's bound still holds: new lines beyond it are counted as
     * dropped, as before.)
     */
    public void putBack(Exchange exchange) {
        String target = exchange.getProperty(Mm7Exchange.LOG_FILE, String.class);
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
            pendingLines += count;
            unwritten.add(count);
            waiting = pendingLines;
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
        if (pendingChars + line.length() + 1 > MAX_PENDING_CHARS) {
            dropped++;
            return;
        }
        pending.computeIfAbsent(logger, l -> new StringBuilder(4096)).append(line).append('\n');
        pendingChars += line.length() + 1;
        pendingLines++;
    }

    /** Lines queued and not yet handed to the writer: what a kill -9 would lose now. */
    public synchronized int pendingLines() {
        return pendingLines;
    }
}
