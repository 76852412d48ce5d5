package org.camelmm7.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory syncs shared by concurrent writers, each writer covered by a sync that began after it asked. */
class DirectorySyncTest {

    private final AtomicLong clock = new AtomicLong();

    record Span(long start, long end) {
    }

    @Test
    void everyCallerIsCoveredByASyncThatBeganAfterItAskedAndSyncsAreShared() throws Exception {
        List<Span> syncs = new CopyOnWriteArrayList<>();
        DirectorySync sync = new DirectorySync(Path.of("."), () -> {
            long start = clock.incrementAndGet();
            sleep(3);
            syncs.add(new Span(start, clock.incrementAndGet()));
        });
        List<Span> calls = new CopyOnWriteArrayList<>();
        int threads = 16;
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < rounds; i++) {
                    long asked = clock.incrementAndGet();
                    sync.await();
                    calls.add(new Span(asked, clock.incrementAndGet()));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(calls).hasSize(threads * rounds);
        for (Span call : calls) {
            assertThat(syncs).as("a sync inside %s", call).anyMatch(s -> s.start() > call.start() && s.end() < call.end());
        }
        // 16 writers at once: each sync serves several of them
        assertThat(sync.syncs()).isEqualTo(syncs.size()).isLessThan(threads * rounds / 2);
    }

    @Test
    void aFailedSyncFailsItsCallerAndTheOthersSyncAgain() throws Exception {
        AtomicBoolean failNext = new AtomicBoolean(true);
        CountDownLatch failing = new CountDownLatch(1);
        CountDownLatch othersWaiting = new CountDownLatch(1);
        DirectorySync sync = new DirectorySync(Path.of("."), () -> {
            if (failNext.getAndSet(false)) {
                failing.countDown();
                await(othersWaiting);
                throw new IOException("disk gone");
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?> first = pool.submit(() -> {
            sync.await();
            return null;
        });
        failing.await(10, TimeUnit.SECONDS);
        Future<?> second = pool.submit(() -> {
            sync.await();
            return null;
        });
        Future<?> third = pool.submit(() -> {
            sync.await();
            return null;
        });
        sleep(100); // both are waiting on the failing sync
        othersWaiting.countDown();
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("disk gone");
        second.get(10, TimeUnit.SECONDS);
        third.get(10, TimeUnit.SECONDS);
        assertThat(sync.syncs()).isGreaterThanOrEqualTo(1);
        pool.shutdown();
    }

    @Test
    void fileSyncForcesTheProducedFileAndItsDirectory(@TempDir Path dir) throws IOException {
        FileSync fileSync = new FileSync();
        Path file = Files.writeString(dir.resolve("a.eml"), "mail");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.FILE_NAME_PRODUCED, file.toString());
        fileSync.sync(exchange);
        fileSync.sync(exchange);
        assertThat(fileSync.directorySyncs(dir)).isEqualTo(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
