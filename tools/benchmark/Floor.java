// The floors the gateway is measured against: the least work a Vert.x server can do for an MM7 request.
// It reads the whole body and answers a fixed 1000 DeliverRsp; with --sync DIR it first writes the body to
// its own file in DIR and forces it to disk (what a gateway that answers only after a durable write must
// at least do). One server per core, like Vert.x's own examples.
//
//   java -cp <vertx-core on the class path> Floor.java PORT [--sync DIR]

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    Floor(int port, Path sync) {
        this.port = port;
        this.sync = sync;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Path sync = args.length > 2 && args[1].equals("--sync") ? Path.of(args[2]) : null;
        Vertx.vertx().deployVerticle(() -> new Floor(port, sync), new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .onSuccess(id -> System.out.println("floor listening on 127.0.0.1:" + port + (sync == null ? "" : ", syncing to " + sync)))
                .onFailure(e -> { e.printStackTrace(); System.exit(1); });
    }

    @Override
    public void start() {
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)).requestHandler(this::handle).listen();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (sync == null) {
                answer(request);
                return;
            }
            vertx.executeBlocking(() -> {
                try (FileChannel file = FileChannel.open(sync.resolve(FILES.incrementAndGet() + ".mm7"), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    ByteBuffer bytes = ByteBuffer.wrap(body.getBytes());
                    while (bytes.hasRemaining()) {
                        file.write(bytes);
                    }
                    file.force(true);
                }
                return null;
            }, false).onSuccess(done -> answer(request)).onFailure(e -> request.response().setStatusCode(500).end());
        });
    }

    private static void answer(HttpServerRequest request) {
        request.response().putHeader("Content-Type", "text/xml; charset=\"utf-8\"").end(ANSWER);
    }
}
