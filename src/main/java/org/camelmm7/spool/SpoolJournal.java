package org.camelmm7.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.service.ServiceSupport;
import org.camelmm7.email.PickupMail;
import org.camelmm7.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes spool entries durable in groups. An accepted entry is appended to a journal segment, and
 * one sync covers every entry appended meanwhile: concurrent requests share it, and each is
 * answered only once a sync that covers it has returned. The entry is then written into the
 * spool directory for the mail leg without a sync of its own.
 * <p>
 * The journal keeps an entry until it is no longer needed: when it has left the spool (delivered
 * or set aside, recorded as DONE), or when a checkpoint has synced its spool file. A closed
 * segment is checkpointed once it is {@code checkpointDelay} old, so entries delivered in time
 * never cost a sync of their own. A stop leaves the segments as they are; at the next start
 * {@link JournalRecovery} writes back whatever the spool directory lost, and the segments are
 * taken over.
 */
public final class SpoolJournal extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolJournal.class);
    private static final String SUFFIX = ".journal";
    /** How long a request waits for its sync before the MMSC is told to retry. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BATCH = 4096;
    private static final int WRITE_SLICE = 256 * 1024;

    private final Path journalDir;
    private final Path spoolDir;
    private final long segmentSize;
    private final Duration checkpointDelay;

    private final BlockingQueue<Append> appends = new LinkedBlockingQueue<>();
    private final Map<String, Segment> segmentOf = new ConcurrentHashMap<>();
    /** Entries the mail leg holds in memory, with no spool file: their segments wait for them. */
    private final Set<String> inMemory = ConcurrentHashMap.newKeySet();
    private final List<Segment> closed = new CopyOnWriteArrayList<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final LongAdder syncs = new LongAdder();
    private final LongAdder syncNanos = new LongAdder();
    private final LongAdder synced = new LongAdder();
    private volatile Segment current;
    private volatile boolean rollRequested;
    private volatile int damagedRecords;
    private final Set<String> toWriteBack = ConcurrentHashMap.newKeySet();
    private final RateLimitedLog writeBackFailed = new RateLimitedLog(LOG, 60_000);
    private final RateLimitedLog segmentFailed = new RateLimitedLog(LOG, 1000);
    private volatile boolean running;
    private volatile long lastOpenAttempt;
    private long nextSequence;
    private final ExecutorServiceManager threads;
    private ExecutorService committer;
    private ScheduledExecutorService checkpoints;

    /**
     * @param spoolDir the spool directory the entries are written to; null when the spool is not a
     *                 directory (a broker): then this journal does nothing and the endpoint's own
     *                 acknowledgement is the guarantee
     * @param threads      Camel's, so its committer and checkpoint threads show and stop with the others
     */
    public SpoolJournal(Path journalDir, Path spoolDir, long segmentSize, Duration checkpointDelay, ExecutorServiceManager threads) {
        this.threads = threads;
        this.journalDir = journalDir;
        this.spoolDir = spoolDir;
        this.segmentSize = segmentSize;
        this.checkpointDelay = checkpointDelay;
    }

    /** Whether entries are journaled: only a directory spool has a journal. */
    public boolean enabled() {
        return spoolDir != null;
    }

    // --- the routes' steps --------------------------------------------------------------------

    /**
     * Appends the exchange's spool entry (file name in {@code CamelFileName}, the mail as body) and
     * returns once a sync covers it.
     *
     * @throws SpoolUnavailableException when the journal cannot take it in time
     */
    public void append(Exchange exchange) {
        if (!enabled()) {
            return;
        }
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Object body = exchange.getMessage().getBody();
        List<ByteBuffer> payload = body instanceof PickupMail mail ? mail.buffers()
                : List.of(ByteBuffer.wrap(exchange.getMessage().getBody(byte[].class)));
        Append append = new Append(name, JournalRecord.encode(JournalRecord.ENTRY, name, payload));
        if (!openedOnDemand()) {
            throw new SpoolUnavailableException("the spool journal cannot be written in " + journalDir);
        }
        appends.add(append);
        try {
            append.synced.get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SpoolUnavailableException("spool journal write failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new SpoolUnavailableException("spool journal sync took longer than " + SYNC_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpoolUnavailableException("interrupted while waiting for the spool journal");
        }
    }

    /** The spool entry has left the spool: delivered or set aside. */
    void left(String name) throws IOException {
        done(name);
    }

    /** The entry is with the mail leg in memory, with no spool file: its segment is kept until it leaves. */
    void heldInMemory(String name) {
        inMemory.add(name);
    }

    /** The entry held in memory was written to the spool directory: checkpoints treat it as any other. */
    /**
     * The mail leg could neither deliver the entry it held in memory nor write it to the spool (a
     * full disk, say): the checkpoints write its spool file from the journal once they can, and the
     * spool's retries take it from there. Until then it keeps its segment, as if still in memory.
     */
    void writeBackLater(String name) {
        toWriteBack.add(name);
    }

    /** Entries waiting for their spool file to be written from the journal. */
    public int waitingForWriteBack() {
        return toWriteBack.size();
    }

    private void writeBackWaiting() {
        if (spoolDir == null || toWriteBack.isEmpty()) {
            return;
        }
        // one read of each segment for all its waiting entries
        Map<Segment, Set<String>> bySegment = new HashMap<>();
        for (String name : toWriteBack) {
            Segment segment = segmentOf.get(name);
            if (segment == null) {
                LOG.error("spool journal: entry {} is in no segment any more; its mail cannot be written back to the spool", name);
                toWriteBack.remove(name);
            } else {
                bySegment.computeIfAbsent(segment, s -> new HashSet<>()).add(name);
            }
        }
        for (Map.Entry<Segment, Set<String>> waiting : bySegment.entrySet()) {
            try {
                Set<String> written = JournalRecovery.writeBack(waiting.getKey().path, waiting.getValue(), spoolDir);
                for (String name : waiting.getValue()) {
                    if (written.contains(name)) {
                        LOG.info("spool journal: entry {} written to the spool from the journal (it could not be written before)", name);
                        writtenToSpool(name);
                    } else {
                        LOG.error("spool journal: segment {} holds no whole record of entry {}; its mail cannot be written back to the spool",
                                waiting.getKey().path, name);
                    }
                    toWriteBack.remove(name);
                }
            } catch (IOException | RuntimeException e) {
                writeBackFailed.warn("spool journal: {} entries wait to be written to the spool from the journal: {}", toWriteBack.size(),
                        e.toString());
                return;
            }
        }
    }

    void writtenToSpool(String name) {
        inMemory.remove(name);
    }

    /** The entry appended by {@link #append} was not spooled after all (its spool file could not be written). */
    void cancel(String name) throws IOException {
        done(name);
    }

    /**
     * Records that an entry needs the journal no more. The record is written (not synced) before
     * the spool file goes: a crash of the process keeps it; a power cut may lose it, and then the
     * entry is delivered once more after the restart rather than lost.
     */
    private void done(String name) throws IOException {
        if (name != null) {
            inMemory.remove(name);
        }
        Segment segment = name == null ? null : segmentOf.remove(name);
        if (segment == null) {
            return; // not journaled, or already checkpointed
        }
        segment.pending.remove(name);
        List<ByteBuffer> record = JournalRecord.encode(JournalRecord.DONE, name, List.of());
        writing.lock();
        try {
            if (current != null) {
                current.write(record);
            }
        } finally {
            writing.unlock();
        }
    }

    // --- lifecycle ----------------------------------------------------------------------------

    @Override
    protected void doStart() {
        if (enabled() && !open()) {
            LOG.error("spool journal cannot start in {}: requests that need the spool are answered 4006 until it can", journalDir);
        }
    }

    /** Recovers what a crash left, opens a segment and starts the committer; false (logged) while the disk does not allow it. */
    private synchronized boolean open() {
        if (running) {
            return true;
        }
        lastOpenAttempt = System.nanoTime();
        try {
            Files.createDirectories(journalDir);
            Files.createDirectories(spoolDir);
            JournalRecovery.Adopted adopted = JournalRecovery.recover(journalDir, spoolDir, SUFFIX);
            adopt(adopted);
            damagedRecords = adopted.damagedRecords();
            nextSequence = adopted.highestSequence() + 1;
            current = openSegment();
        } catch (IOException | RuntimeException e) {
            LOG.error("spool journal: {}", e.toString());
            return false;
        }
        running = true;
        committer = threads.newSingleThreadExecutor(this, "mm7spool-journal");
        committer.execute(this::commitLoop);
        checkpoints = threads.newSingleThreadScheduledExecutor(this, "mm7spool-checkpoint");
        long tick = Math.max(1, checkpointDelay.toMillis() / 4);
        checkpoints.scheduleWithFixedDelay(this::checkpoint, tick, tick, TimeUnit.MILLISECONDS);
        return true;
    }

    /** The last run's segments, closed now: their entries get the usual time to leave the spool before they are checkpointed. */
    private void adopt(JournalRecovery.Adopted adopted) {
        long now = System.nanoTime();
        adopted.pendingBySegment().forEach((path, names) -> {
            Segment segment = new Segment(path, null, now);
            segment.closedAt = now;
            segment.pending.addAll(names);
            names.forEach(name -> segmentOf.put(name, segment));
            closed.add(segment);
        });
    }

    /** A journal that could not start is tried again, at most once a second, when an entry needs it. */
    private boolean openedOnDemand() {
        return running || (System.nanoTime() - lastOpenAttempt > TimeUnit.SECONDS.toNanos(1) && open());
    }

    /**
     * After the routes: the current segment is closed and the journal left as it is, so a stop is
     * quick whatever the backlog; the next start takes the segments over.
     */
    @Override
    protected void doStop() throws Exception {
        if (!running) {
            return;
        }
        running = false;
        // a stop that is cut short leaves the journal as it is: the next start takes over
        threads.shutdownGraceful(checkpoints, TimeUnit.SECONDS.toMillis(10));
        threads.shutdownGraceful(committer, TimeUnit.SECONDS.toMillis(30));
        writing.lock();
        try {
            current.channel.close();
            if (current.size == 0) {
                Files.deleteIfExists(current.path);
            }
            current = null;
        } finally {
            writing.unlock();
        }
        LOG.info("spool journal closed after {} syncs for {} entries", syncs.sum(), synced.sum());
    }

    // --- the committer ------------------------------------------------------------------------

    private void commitLoop() {
        List<Append> batch = new ArrayList<>();
        while (running || !appends.isEmpty()) {
            try {
                Append first = appends.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    appends.drainTo(batch, MAX_BATCH - 1);
                    commit(batch);
                    batch.clear();
                }
                if (rollRequested || current.size >= segmentSize) {
                    roll(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                segmentFailed.error("spool journal segment {} failed: {}; continuing in a new one", current.path, e.toString());
                batch.forEach(a -> a.synced.completeExceptionally(e));
                batch.clear();
                try {
                    roll(true);
                } catch (IOException again) {
                    segmentFailed.error("spool journal cannot open a new segment: {}", again.toString());
                }
            }
        }
    }

    /** One write of the whole batch, one sync, then everyone in it is answered. */
    private void commit(List<Append> batch) throws IOException {
        Segment segment = current;
        writing.lock();
        try {
            for (Append a : batch) {
                segment.write(a.record);
            }
        } finally {
            writing.unlock();
        }
        long started = System.nanoTime();
        segment.channel.force(false);
        syncNanos.add(System.nanoTime() - started);
        syncs.increment();
        synced.add(batch.size());
        for (Append a : batch) {
            segment.pending.add(a.name);
            segmentOf.put(a.name, segment);
            a.synced.complete(null);
        }
    }

    /** Closes the current segment, unless it is empty, and opens the next; only the committer calls it while running. */
    private void roll(boolean evenIfEmpty) throws IOException {
        rollRequested = false;
        Segment old = current;
        if (old.size == 0 && !evenIfEmpty) {
            return;
        }
        Segment next = openSegment();
        writing.lock();
        try {
            current = next;
        } finally {
            writing.unlock();
        }
        close(old);
    }

    /** A closed segment is retired by the checkpoints; at once when no entry needs it. */
    private void close(Segment segment) throws IOException {
        if (segment.channel != null) {
            segment.channel.close();
        }
        segment.closedAt = System.nanoTime();
        closed.add(segment);
    }

    private Segment openSegment() throws IOException {
        Path path = journalDir.resolve(String.format("%016d%s", nextSequence++, SUFFIX));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        syncDirectory(journalDir);
        return new Segment(path, channel, System.nanoTime());
    }

    // --- checkpoints --------------------------------------------------------------------------

    /**
     * Retires closed segments: one whose entries have all left the spool is deleted; one older
     * than the delay first syncs the spool files of the entries still there. An old open segment
     * is closed, so quiet hours do not keep entries in it for ever.
     */
    private void checkpoint() {
        writeBackWaiting();
        long now = System.nanoTime();
        Segment open = current;
        if (open != null && open.size > 0 && now - open.openedAt >= checkpointDelay.toNanos()) {
            rollRequested = true;
        }
        for (Segment segment : closed) {
            try {
                long age = now - segment.closedAt;
                if (!segment.pending.isEmpty() && age >= checkpointDelay.toNanos()) {
                    int notWrittenYet = syncSpoolFiles(segment);
                    if (!running) {
                        return; // stopping: the next start takes over
                    }
                    // an entry whose spool file is not there yet keeps its segment, unless it waited very long;
                    // one the mail leg holds in memory keeps it until it leaves or is written to the spool
                    if (notWrittenYet > 0 && (age < 10 * checkpointDelay.toNanos() || segment.pending.stream().anyMatch(inMemory::contains))) {
                        continue;
                    }
                    retire(segment);
                } else if (segment.pending.isEmpty()) {
                    retire(segment);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("spool journal checkpoint of {} failed, tried again later: {}", segment.path, e.toString());
            }
        }
    }

    /** Syncs the spool files of the segment's remaining entries, and the directory; returns how many were not there. */
    private int syncSpoolFiles(Segment segment) throws IOException {
        List<String> durable = new ArrayList<>();
        int missing = 0;
        for (String name : segment.pending) {
            if (!running) {
                break;
            }
            try (FileChannel file = FileChannel.open(spoolDir.resolve(name), StandardOpenOption.READ)) {
                file.force(true);
                durable.add(name);
            } catch (NoSuchFileException notThere) {
                if (segment.pending.contains(name)) {
                    missing++; // not written yet: an entry that left the spool is no longer pending
                }
            }
        }
        syncDirectory(spoolDir);
        for (String name : durable) {
            segment.pending.remove(name);
            segmentOf.remove(name, segment);
        }
        return missing;
    }

    private void retire(Segment segment) throws IOException {
        Files.deleteIfExists(segment.path);
        closed.remove(segment);
        for (String name : segment.pending) {
            segmentOf.remove(name, segment);
        }
    }

    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException directoriesCannotBeOpened) {
            // some file systems refuse to open directories; their entries are durable with the files
        }
    }

    /** Syncs so far, and entries they covered: their ratio is the group size. */
    public long syncs() {
        return syncs.sum();
    }

    public long syncedEntries() {
        return synced.sum();
    }

    /** Seconds the syncs took so far: divided by the syncs, the time one takes. */
    public double syncSeconds() {
        return syncNanos.sum() / 1e9;
    }

    /** Damaged records the last start skipped in the journal (each named at ERROR then). */
    public int damagedRecords() {
        return damagedRecords;
    }

    /** The journal segments on disk (open and closed), for the operations view. */
    public int segments() {
        return closed.size() + (current == null ? 0 : 1);
    }

    /** One entry waiting for its sync. */
    private static final class Append {
        final String name;
        final List<ByteBuffer> record;
        final CompletableFuture<Void> synced = new CompletableFuture<>();

        Append(String name, List<ByteBuffer> record) {
            this.name = name;
            this.record = record;
        }
    }

    /** One segment file and the entries in it that still need it. */
    private static final class Segment {
        final Path path;
        final FileChannel channel;
        final long openedAt;
        final Set<String> pending = ConcurrentHashMap.newKeySet();
        volatile long closedAt;
        long size;

        Segment(Path path, FileChannel channel, long openedAt) {
            this.path = path;
            this.channel = channel;
            this.openedAt = openedAt;
        }

        /**
         * Appends a record at the end; callers hold the write lock. Written in slices of at most
         * 256 KiB: the JDK copies heap buffers into temporary direct buffers (and keeps them), so a
         * 10 MB mail must not become a 10 MB direct buffer.
         */
        void write(List<ByteBuffer> record) throws IOException {
            for (ByteBuffer b : record) {
                while (b.hasRemaining()) {
                    ByteBuffer slice = b.slice();
                    slice.limit(Math.min(slice.remaining(), WRITE_SLICE));
                    int n = channel.write(slice);
                    b.position(b.position() + n);
                }
            }
            size = channel.position();
        }
    }
}
