// The floors the gateway is measured against: the least work a Vert.x server can do for an MM7 request.
// It reads the whole body and answers a fixed 1000 DeliverRsp; with --sync DIR it first writes the body to
// its own file in DIR and forces it to disk (what a gateway that answers only after a durable write must
// at least do). One server per core, like Vert.x's own examples.
// With --outbox DIR it keeps the gateway's promise for a file outbox and does nothing else: the body
// appended to a journal in DIR and synced (one sync for all that arrived meanwhile) before the answer,
// handed over in memory (PLACES, 16; a request waits for a place) to THREADS (8) delivery threads that
// each write it to DIR/outbox under a temporary name, force it, rename it into place, wait for a
// directory sync that began after the rename (shared, as the gateway's) and record in the journal that
// it left: the gateway's disk work without its MM7, its mail or its Camel. --outbox-by-rename DIR does the
// same with another design the gateway does not have: each body written to a spool file of its own, forced,
// its directory synced (shared) before the answer; a delivery thread renames the file into the outbox and
// waits for the outbox's directory sync (one write of the body instead of two). The spool file gets its
// name at once: a real spool would pay a rename more, or tell a half-written file by a check of its own.
//
//   java -cp <vertx-core on the class path> Floor.java PORT [--sync DIR | --outbox DIR [THREADS PLACES] | --outbox-by-rename DIR [THREADS PLACES]]

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

public class Floor extends AbstractVerticle {

    static final Buffer ANSWER = Buffer.buffer("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Header>"
            + "<mm7:TransactionID xmlns:mm7=\"http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4\""
            + " env:mustUnderstand=\"1\">bench-000001</mm7:TransactionID></env:Header><env:Body>"
            + "<DeliverRsp xmlns=\"http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4\">"
            + "<MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode><StatusText>Success</StatusText></Status>"
            + "</DeliverRsp></env:Body></env:Envelope>\r\n");
    static final AtomicLong FILES = new AtomicLong();

    private final int port;
    private final Path sync;
    private final Outbox outbox;

    Floor(int port, Path sync, Outbox outbox) {
        this.port = port;
        this.sync = sync;
        this.outbox = outbox;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path sync = args.length > 2 && args[1].equals("--sync") ? Path.of(args[2]) : null;
        Outbox outbox = args.length > 2 && args[1].startsWith("--outbox")
                ? new Outbox(Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 8, args.length > 4 ? Integer.parseInt(args[4]) : 16,
                        args[1].equals("--outbox-by-rename"))
                : null;
        Vertx.vertx().deployVerticle(() -> new Floor(port, sync, outbox), new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .onSuccess(id -> System.out.println("floor listening on 127.0.0.1:" + port + (sync == null ? "" : ", syncing to " + sync)
                        + (outbox == null ? "" : ", keeping an outbox in " + outbox.dir)))
                .onFailure(e -> { e.printStackTrace(); System.exit(1); });
    }

    @Override
    public void start() {
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)).requestHandler(this::handle).listen();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (outbox != null) {
                vertx.executeBlocking(() -> {
                    outbox.accept(body.getBytes());
                    return null;
                }, false).onSuccess(done -> answer(request)).onFailure(e -> request.response().setStatusCode(500).end());
                return;
            }
            if (sync == null) {
                answer(request);
                return;
            }
            vertx.executeBlocking(() -> {
                writeAndForce(sync.resolve(FILES.incrementAndGet() + ".mm7"), body.getBytes());
                return null;
            }, false).onSuccess(done -> answer(request)).onFailure(e -> request.response().setStatusCode(500).end());
        });
    }

    private static void answer(HttpServerRequest request) {
        request.response().putHeader("Content-Type", "text/xml; charset=\"utf-8\"").end(ANSWER);
    }

    static void writeAndForce(Path path, byte[] content) throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            file.force(true);
        }
    }

    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
            entries.force(true);
        }
    }

    /** The gateway's disk work for a file outbox (a synced journal before the answer, then a synced, renamed file), or the by-rename design's. */
    static final class Outbox {

        private final Path dir;
        private final Path files;
        private final FileChannel journal;
        private final GroupSync journalSync;
        private final GroupSync directorySync;
        private final BlockingQueue<Object> places;
        private final AtomicLong names = new AtomicLong();
        private final boolean byRename;
        private final Path spool;
        private final GroupSync spoolSync;

        Outbox(Path dir, int threads, int places, boolean byRename) throws IOException {
            this.dir = dir;
            this.byRename = byRename;
            this.files = Files.createDirectories(dir.resolve("outbox"));
            // a spool directory by rename, a journal otherwise
            this.spool = byRename ? Files.createDirectories(dir.resolve("spool")) : null;
            this.spoolSync = byRename ? new GroupSync(() -> forceDirectory(spool)) : null;
            this.journal = byRename ? null
                    : FileChannel.open(dir.resolve("journal"), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            this.journalSync = byRename ? null : new GroupSync(() -> journal.force(false));
            this.directorySync = new GroupSync(() -> forceDirectory(files));
            this.places = new ArrayBlockingQueue<>(places);
            for (int i = 0; i < threads; i++) {
                Thread delivery = new Thread(this::deliver, "floor-delivery-" + i);
                delivery.setDaemon(true);
                delivery.start();
            }
        }

        /** Returns once the body is on disk (in the synced journal, or its own synced spool file) and has a place in memory. */
        void accept(byte[] body) throws Exception {
            if (byRename) {
                Path file = spool.resolve(names.incrementAndGet() + ".eml");
                writeAndForce(file, body);
                spoolSync.await();
                places.put(file);
                return;
            }
            append(body);
            journalSync.await();
            places.put(body);
        }

        private void append(byte[] record) throws IOException {
            synchronized (journal) {
                ByteBuffer bytes = ByteBuffer.wrap(record);
                while (bytes.hasRemaining()) {
                    journal.write(bytes);
                }
            }
        }

        private void deliver() {
            try {
                while (true) {
                    Object mail = places.take();
                    if (mail instanceof Path spooled) {
                        Files.move(spooled, files.resolve(spooled.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                        directorySync.await();
                        continue;
                    }
                    String name = names.incrementAndGet() + ".eml";
                    Path part = files.resolve("." + name + ".part");
                    writeAndForce(part, (byte[]) mail);
                    Files.move(part, files.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    directorySync.await();
                    append(("left " + name + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }
    }

    /** One force serves every caller that arrived before it began (group commit, as the gateway's journal and DirectorySync). */
    static final class GroupSync {

        interface Force {
            void run() throws IOException;
        }

        private final Force force;
        private final Object lock = new Object();
        private long requested;
        private long covered;
        private boolean syncing;

        GroupSync(Force force) {
            this.force = force;
        }

        void await() throws IOException, InterruptedException {
            long upTo;
            synchronized (lock) {
                long ticket = ++requested;
                while (covered < ticket && syncing) {
                    lock.wait();
                }
                if (covered >= ticket) {
                    return;
                }
                syncing = true;
                upTo = requested;
            }
            boolean done = false;
            try {
                force.run();
                done = true;
            } finally {
                synchronized (lock) {
                    syncing = false;
                    if (done) {
                        covered = Math.max(covered, upTo);
                    }
                    lock.notifyAll();
                }
            }
        }
    }
}
