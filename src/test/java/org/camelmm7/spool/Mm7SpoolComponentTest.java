package org.camelmm7.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelmm7.email.DeliverReqToEmail;
import org.camelmm7.email.EmailAddressRules;
import org.camelmm7.email.MailExchange;
import org.camelmm7.email.PickupMail;
import org.camelmm7.email.ReceivedRequest;
import org.camelmm7.mm7.Mm7RequestParser;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mm7spool: in a Camel context of its own, on a real disk, as the routes use it: a completed exchange
 * leaves the spool, a failed one stays (from memory: written to the store), and a spool that cannot
 * take an entry fails the send and keeps nothing.
 */
class Mm7SpoolComponentTest {

    @TempDir
    Path dir;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<String> fromMemory = new CopyOnWriteArrayList<>();
    private final CountDownLatch hung = new CountDownLatch(1);
    /** Mail named hold-* waits in delivery for its own latch. */
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private CamelContext camel;

    @AfterEach
    void stop() throws Exception {
        hung.countDown();
        held.values().forEach(CountDownLatch::countDown);
        if (camel != null) {
            camel.close();
        }
    }

    /** A gateway's spool in dir/spool with its journal, and a delivery route that fails mail named fail-*.eml from memory. */
    private CamelContext spool(String storeUri, int inMemory, boolean failFromStoreToo) throws Exception {
        return spool(storeUri, inMemory, Duration.ZERO, failFromStoreToo);
    }

    private CamelContext spool(String storeUri, int inMemory, Duration handoffWait, boolean failFromStoreToo) throws Exception {
        return spool(storeUri, new HandoffLimits(inMemory, PickupMail.LARGEST_IN_MEMORY * inMemory, handoffWait), failFromStoreToo);
    }

    /** The same; mail named slow-* takes 100 ms to deliver, hang-* waits for {@link #hung}. */
    private CamelContext spool(String storeUri, HandoffLimits inMemory, boolean failFromStoreToo) throws Exception {
        camel = new DefaultCamelContext();
        SpoolJournal journal = new SpoolJournal(dir.resolve("journal"), dir.resolve("spool"), 64 << 20, Duration.ofSeconds(30),
                camel.getExecutorServiceManager());
        camel.addService(journal, true, true);
        camel.getRegistry().bind("mm7spool", new Mm7SpoolComponent("incoming", journal, storeUri, inMemory, Duration.ofSeconds(5)));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mm7spool:incoming?concurrentConsumers=2&maxInFlight=8").routeId("deliver")
                        .process(e -> {
                            String name = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
                            boolean memory = MailExchange.HANDED_OVER_ENTRY.isSet(e);
                            if (memory) {
                                fromMemory.add(name);
                            }
                            if (name.startsWith("fail-") && (memory || failFromStoreToo)) {
                                throw new IOException("relay down");
                            }
                            if (name.startsWith("slow-")) {
                                Thread.sleep(100);
                            }
                            if (name.startsWith("hang-")) {
                                hung.await();
                            }
                            if (name.startsWith("hold-")) {
                                held.computeIfAbsent(name, n -> new CountDownLatch(1)).await();
                            }
                            delivered.add(name);
                        });
            }
        });
        camel.start();
        return camel;
    }

    private static String store(Path spool) {
        return "file:" + spool + "?tempFileName=.${file:name}.part&delete=true&readLock=none&delay=50&initialDelay=0";
    }

    private static PickupMail mail(String id) {
        return mail(id, Samples.deliverReqContentType(), Samples.deliverReq());
    }

    /** A mail whose content is an image of this many bytes. */
    private static PickupMail mail(String id, int imageBytes) {
        return mail(id, Samples.bigDeliverReqContentType(), Samples.bigDeliverReq(new byte[imageBytes]));
    }

    private static PickupMail mail(String id, String contentType, byte[] deliverReq) {
        return new DeliverReqToEmail(new EmailAddressRules("gateway@vasp.example", null, "inbox@vasp.example", null), "gw.example")
                .convert(new Mm7RequestParser().parse(contentType, deliverReq), new ReceivedRequest(id, "/mm7/", Instant.now(), "127.0.0.1"));
    }

    private void send(String name) {
        send(name, mail(name));
    }

    private void send(String name, PickupMail mail) {
        camel.createProducerTemplate().sendBodyAndHeader("mm7spool:incoming", mail, Exchange.FILE_NAME, name);
    }

    /** Sends on a thread of its own, returned once that thread waits for a place in memory. */
    private Thread sendWaitingForAPlace(String name, PickupMail mail) {
        Thread sender = new Thread(() -> send(name, mail), "send-" + name);
        sender.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.getState() == Thread.State.TIMED_WAITING
                && Arrays.stream(sender.getStackTrace()).anyMatch(f -> f.getMethodName().equals("placeWithin")));
        return sender;
    }

    private List<String> files(String sub) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(sub))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void mailFromMemoryIsDeliveredWithoutASpoolFileAndLeavesTheJournal() throws Exception {
        spool(store(dir.resolve("spool")), 4, false);
        send("a.eml");
        send("b.eml");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 2);
        assertThat(fromMemory).containsExactlyInAnyOrder("a.eml", "b.eml");
        assertThat(files("spool")).isEmpty();
        // nothing is left for a restart to write back: both left the journal
        camel.close();
        camel = null;
        assertThat(JournalRecovery.recover(dir.resolve("journal"), dir.resolve("spool"), ".journal").pendingBySegment().values())
                .allMatch(java.util.Set::isEmpty);
    }

    @Test
    void mailFromMemoryThatFailsGoesToTheStoreAndIsDeliveredFromThere() throws Exception {
        spool(store(dir.resolve("spool")), 4, false);
        send("fail-1.eml");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("fail-1.eml"));
        // tried once from memory, then from the store
        assertThat(fromMemory).containsExactly("fail-1.eml");
        assertThat(delivered).containsExactly("fail-1.eml");
        await().atMost(Duration.ofSeconds(5)).until(() -> files("spool").isEmpty());
    }

    /** One place in memory, mail that takes 100 ms each: the intake waits for the place, and no spool file is written. */
    @Test
    void aMailLegSlowerThanTheIntakeSlowsTheIntakeInsteadOfCostingSpoolFiles() throws Exception {
        spool(store(dir.resolve("spool")), 1, Duration.ofSeconds(5), false);
        for (int i = 1; i <= 6; i++) {
            send("slow-" + i + ".eml");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 6);
        assertThat(fromMemory).hasSize(6);
    }

    /** A mail leg that frees no place within the wait (a relay that hangs) is not waited for: the next mail goes to the store at once. */
    @Test
    void aMailLegThatFreesNoPlaceIsNotWaitedFor() throws Exception {
        spool(store(dir.resolve("spool")), 1, Duration.ofSeconds(2), false);
        send("hang-1.eml");
        await().atMost(Duration.ofSeconds(5)).until(() -> fromMemory.contains("hang-1.eml"));
        Thread.sleep(2_200);
        long before = System.nanoTime();
        send("b.eml");
        // not the two seconds of the wait (a generous bound: this is about whether it waited, not how fast)
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(1_500));
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("b.eml"));
        assertThat(fromMemory).containsExactly("hang-1.eml");
        hung.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("hang-1.eml"));
    }

    /** Places for eight mails but bytes for two and a half: the third mail goes to the store while two are held. */
    @Test
    void theMailHeldInMemoryTakesNoMoreThanItsBytes() throws Exception {
        long size = mail("any").size();
        spool(store(dir.resolve("spool")), new HandoffLimits(8, size * 5 / 2, Duration.ZERO), false);
        send("hang-1.eml");
        send("hang-2.eml");
        await().atMost(Duration.ofSeconds(5)).until(() -> fromMemory.size() == 2);
        send("hang-3.eml");
        assertThat(files("spool")).containsExactly("hang-3.eml");
        assertThat(fromMemory).containsExactlyInAnyOrder("hang-1.eml", "hang-2.eml");
        hung.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 3);
    }

    /**
     * Held: a large and a small mail, which take all the bytes. Waiting: a large mail, then a small
     * one. The small mail delivered frees the bytes for the small one waiting, not for the large one:
     * the small one gets them, although the large one waited first.
     */
    @Test
    void theBytesAMailLeavesGoToTheMailWaitingThatFitsInThem() throws Exception {
        PickupMail large = mail("large-1", 60_000);
        PickupMail small = mail("small-1", 1_000);
        PickupMail largeToCome = mail("large-2", 60_000);
        PickupMail smallToCome = mail("small-2", 1_000);
        assertThat(largeToCome.size()).isEqualTo(large.size());
        assertThat(smallToCome.size()).isEqualTo(small.size());
        long bound = large.size() + small.size();
        spool(store(dir.resolve("spool")), new HandoffLimits(8, bound, Duration.ofSeconds(20)), false);
        send("hold-large.eml", large);
        send("hold-small.eml", small);
        await().atMost(Duration.ofSeconds(5)).until(() -> fromMemory.size() == 2);
        Thread largeWaiting = sendWaitingForAPlace("large-waiting.eml", largeToCome);
        Thread smallWaiting = sendWaitingForAPlace("small-waiting.eml", smallToCome);

        held.computeIfAbsent("hold-small.eml", n -> new CountDownLatch(1)).countDown();
        smallWaiting.join(Duration.ofSeconds(5).toMillis());
        assertThat(smallWaiting.isAlive()).as("the small mail still waits for a place").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> fromMemory.contains("small-waiting.eml"));
        assertThat(largeWaiting.isAlive()).as("the large mail waits on: the bytes freed do not fit it").isTrue();

        held.computeIfAbsent("hold-large.eml", n -> new CountDownLatch(1)).countDown();
        largeWaiting.join(Duration.ofSeconds(5).toMillis());
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 4);
        assertThat(fromMemory).contains("large-waiting.eml");
        assertThat(files("spool")).isEmpty();
    }

    @Test
    void aFailedExchangeFromTheStoreStaysThere() throws Exception {
        spool(store(dir.resolve("spool")), 0, true);
        send("fail-2.eml");
        send("ok.eml");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("ok.eml"));
        Thread.sleep(500); // several polls, each failing it again
        assertThat(files("spool")).containsExactly("fail-2.eml");
        assertThat(fromMemory).isEmpty();
    }

    @Test
    void aSpoolThatCannotWriteTheEntryFailsTheSendAndKeepsNothing() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("blocker"), "x");
        spool(store(notADirectory.resolve("spool")), 0, false);
        assertThatThrownBy(() -> send("lost.eml")).isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(SpoolUnavailableException.class);
        camel.close();
        camel = null;
        // the journal forgot it: a restart does not write back what the sender was told was not accepted
        assertThat(JournalRecovery.recover(dir.resolve("journal"), dir.resolve("spool"), ".journal").pendingBySegment().values())
                .allMatch(java.util.Set::isEmpty);
        assertThat(files("spool")).isEmpty();
    }

    @Test
    void itsThreadsAreCamelsAndStopWithIt() throws Exception {
        spool(store(dir.resolve("spool")), 4, false);
        assertThat(threads()).anyMatch(t -> t.startsWith("Camel (" + camel.getName() + ") thread") && t.endsWith("mm7spool-incoming-memory"))
                .anyMatch(t -> t.endsWith("mm7spool-journal"));
        camel.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> threads().noneMatch(t -> t.contains("mm7spool")));
        camel = null;
    }

    @Test
    void aSpoolOfAnotherNameIsRefused() throws Exception {
        spool(store(dir.resolve("spool")), 4, false);
        assertThatThrownBy(() -> camel.getEndpoint("mm7spool:outgoing")).isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("this gateway's spool is mm7spool:incoming");
    }

    private static Stream<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName);
    }
}
