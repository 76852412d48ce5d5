package org.camelmm7.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.logging.log4j.Level;
import org.assertj.core.api.Assertions;
import org.camelmm7.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spool journal on a real disk: group commit, checkpoints, and recovery from what a crash leaves. */
class SpoolJournalTest {

    @TempDir
    Path dir;
    private final CamelContext camel = new DefaultCamelContext();
    private final List<SpoolJournal> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(SpoolJournal::stop);
    }

    private SpoolJournal journal(long segmentSize, Duration checkpointDelay) {
        SpoolJournal journal = new SpoolJournal(dir.resolve("journal"), dir.resolve("spool"), segmentSize, checkpointDelay, camel.getExecutorServiceManager());
        journal.start();
        started.add(journal);
        return journal;
    }

    private Exchange entry(String name, byte[] bytes) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader(Exchange.FILE_NAME, name);
        e.getMessage().setHeader(Exchange.FILE_NAME_ONLY, name);
        e.getMessage().setBody(bytes);
        return e;
    }

    /** What the route does after the journal: the spool file, without a sync. */
    private void spool(Exchange e) throws IOException {
        Files.write(dir.resolve("spool").resolve(e.getMessage().getHeader(Exchange.FILE_NAME, String.class)), e.getMessage().getBody(byte[].class));
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.sorted().toList();
        }
    }

    private static byte[] mail(int n) {
        byte[] bytes = new byte[20_000 + n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    @Test
    void concurrentEntriesShareSyncs() throws Exception {
        SpoolJournal journal = journal(64 << 20, Duration.ofSeconds(30));
        ExecutorService requests = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 640; i++) {
            Exchange e = entry("m" + i + ".eml", mail(i));
            done.add(requests.submit(() -> {
                journal.append(e);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        requests.shutdown();
        assertThat(journal.syncedEntries()).isEqualTo(640);
        assertThat(journal.syncs()).as("syncs for 640 entries from 32 threads").isLessThan(640);
    }

    @Test
    void aCrashLeavesWhatTheSpoolNeedsInTheJournal() throws Exception {
        SpoolJournal journal = journal(64 << 20, Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            Exchange e = entry("m" + i + ".eml", mail(i));
            journal.append(e);
            spool(e);
        }
        journal.left("m1.eml");
        Files.delete(dir.resolve("spool/m1.eml"));
        journal.left("m2.eml"); // delivered, but the crash came before its spool file was deleted

        // the crash: a copy of the disk as it is now, with a spool that lost one file and holds another cut short
        Path crashed = dir.resolve("crashed");
        copy(dir.resolve("journal"), crashed.resolve("journal"));
        copy(dir.resolve("spool"), crashed.resolve("spool"));
        Files.delete(crashed.resolve("spool/m0.eml"));
        Files.write(crashed.resolve("spool/m3.eml"), new byte[10]);
        Path last = segments().get(segments().size() - 1);
        Files.write(crashed.resolve("journal").resolve(last.getFileName()), new byte[] {0x4D, 0x4D, 0x37}, StandardOpenOption.APPEND);

        JournalRecovery.Adopted adopted = JournalRecovery.recover(crashed.resolve("journal"), crashed.resolve("spool"), ".journal");

        assertThat(adopted.highestSequence()).isPositive();
        assertThat(adopted.pendingBySegment().values().stream().flatMap(Set::stream)).containsExactlyInAnyOrder("m0.eml", "m3.eml", "m4.eml");
        try (Stream<Path> spool = Files.list(crashed.resolve("spool"))) {
            assertThat(spool.map(p -> p.getFileName().toString()).sorted()).containsExactly("m0.eml", "m3.eml", "m4.eml");
        }
        for (int i : new int[] {0, 3, 4}) {
            assertThat(Files.readAllBytes(crashed.resolve("spool/m" + i + ".eml"))).isEqualTo(mail(i));
        }
    }

    @Test
    void segmentsAreRetiredWhenTheirEntriesLeaveOrOnceTheirSpoolFilesAreSynced() throws Exception {
        SpoolJournal journal = journal(50_000, Duration.ofMillis(400));
        for (int i = 0; i < 10; i++) {
            Exchange e = entry("m" + i + ".eml", mail(i));
            journal.append(e);
            spool(e);
            if (i % 2 == 0) {
                journal.left(e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class));
            }
        }
        assertThat(segments()).hasSizeGreaterThan(1);
        // delivered or not, after the delay nothing needs the journal any more
        await().atMost(Duration.ofSeconds(10)).until(() -> segments().isEmpty() || segments().size() == 1 && Files.size(segments().get(0)) == 0);
        assertThat(Files.readAllBytes(dir.resolve("spool/m1.eml"))).isEqualTo(mail(1));
    }

    @Test
    void aStopLeavesTheJournalToTheNextStartWhichTakesItOver() throws Exception {
        SpoolJournal first = journal(64 << 20, Duration.ofMillis(400));
        Exchange kept = entry("kept.eml", "hello".getBytes(StandardCharsets.US_ASCII));
        first.append(kept);
        spool(kept);
        Exchange delivered = entry("delivered.eml", "bye".getBytes(StandardCharsets.US_ASCII));
        first.append(delivered);
        spool(delivered);
        first.stop();
        assertThat(segments()).isNotEmpty();

        SpoolJournal second = journal(64 << 20, Duration.ofMillis(400));
        second.left("delivered.eml");
        // the entry still waiting is synced in its spool file after the delay, and the journal is emptied
        await().atMost(Duration.ofSeconds(10)).until(() -> segments().size() == 1 && Files.size(segments().get(0)) == 0);
        assertThat(Files.readString(dir.resolve("spool/kept.eml"))).isEqualTo("hello");
    }

    @Test
    void aJournalThatCannotBeWrittenRefusesEntriesAndStartsOnceItCan() throws Exception {
        Files.writeString(dir.resolve("journal"), "a file where the directory should be");
        SpoolJournal journal = journal(64 << 20, Duration.ofSeconds(30));
        Exchange e = entry("m.eml", mail(1));
        Assertions.assertThatThrownBy(() -> journal.append(e)).isInstanceOf(SpoolUnavailableException.class);
        Files.delete(dir.resolve("journal"));
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> journal.append(e));
        assertThat(journal.syncedEntries()).isEqualTo(1);
    }

    /**
     * One damaged record in the middle of a segment, its spool files all gone: that record alone is
     * lost, named at ERROR and counted; every record after it is read and its mail written back
     * whole. (Before, the rest of the segment was skipped as "never synced".)
     */
    @ParameterizedTest(name = "damage in its {0}")
    @ValueSource(strings = {"payload", "magic number", "payload length"})
    void aDamagedRecordCostsItselfAloneAndTheRecordsAfterItAreRead(String where) throws Exception {
        SpoolJournal journal = journal(64 << 20, Duration.ofSeconds(30));
        for (int i = 0; i < 6; i++) {
            Exchange e = entry("m" + i + ".eml", mail(i));
            journal.append(e);
            spool(e);
        }
        Path crashed = dir.resolve("crashed");
        copy(dir.resolve("journal"), crashed.resolve("journal"));
        Files.createDirectories(crashed.resolve("spool"));
        Path segment = crashed.resolve("journal").resolve(segments().get(segments().size() - 1).getFileName());
        byte[] bytes = Files.readAllBytes(segment);
        int record = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("m2.eml") - 15; // the header: magic, type, name and payload lengths, CRC
        int flipped = switch (where) {
            case "payload" -> record + 15 + 6 + 1000;
            case "magic number" -> record;
            default -> record + 7;
        };
        bytes[flipped] ^= 0x01;
        Files.write(segment, bytes);

        JournalRecovery.Adopted adopted;
        try (CapturedLog log = CapturedLog.start()) {
            adopted = JournalRecovery.recover(crashed.resolve("journal"), crashed.resolve("spool"), ".journal");
            assertThat(log.lines()).filteredOn(l -> l.level() == Level.ERROR).singleElement()
                    .extracting(CapturedLog.Line::message).asString().contains("damaged record", where.equals("magic number") ? "unreadable" : "m2.eml");
        }
        assertThat(adopted.damagedRecords()).isEqualTo(1);
        assertThat(adopted.pendingBySegment().values().stream().flatMap(Set::stream))
                .containsExactlyInAnyOrder("m0.eml", "m1.eml", "m3.eml", "m4.eml", "m5.eml");
        for (int i : new int[] {0, 1, 3, 4, 5}) {
            assertThat(Files.readAllBytes(crashed.resolve("spool/m" + i + ".eml"))).isEqualTo(mail(i));
        }
        assertThat(crashed.resolve("spool/m2.eml")).doesNotExist();
    }

    /**
     * A mail the mail leg held in memory could neither be delivered nor written to the spool (the
     * spool directory refuses files, as a full disk does): once the directory takes files again, its
     * spool file is written from the journal, without a restart, and its segment kept until then.
     */
    @Test
    void anEntryTheSpoolCouldNotTakeIsWrittenFromTheJournalOnceItCan() throws Exception {
        SpoolJournal journal = journal(64 << 20, Duration.ofMillis(200));
        Exchange e = entry("held.eml", mail(7));
        journal.append(e);
        journal.heldInMemory("held.eml");
        Path spool = dir.resolve("spool");
        Files.delete(spool);
        Files.writeString(spool, "a file where the spool directory should be");
        journal.writeBackLater("held.eml");
        Thread.sleep(1000);
        assertThat(journal.waitingForWriteBack()).isEqualTo(1);
        assertThat(segments()).isNotEmpty();

        Files.delete(spool);
        Files.createDirectory(spool);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(spool.resolve("held.eml")));
        assertThat(Files.readAllBytes(spool.resolve("held.eml"))).isEqualTo(mail(7));
        assertThat(journal.waitingForWriteBack()).isZero();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
