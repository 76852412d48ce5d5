package org.camelmm7.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import org.camelmm7.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps connections from holding the listener: caps how many are open (in all and per peer
 * address) and cuts off a peer that sends too slowly. A new connection must deliver its first
 * request's headers within the first-request timeout (shorter than an idle kept-alive connection
 * may wait), the body must follow within the read timeout, and after an
 * answer the next request's headers must arrive within the idle time plus the read timeout.
 * Vert.x's idle timeout closes connections that say nothing at all.
 *
 * <p>Everything about one connection runs on its event loop, so its state needs no lock.
 */
final class ConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final ListenerSettings settings;
    private final HttpServerOptions options;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> openByPeer = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Deadline> deadlines = new ConcurrentHashMap<>();
    private final ListenerGuard guard;
    private final RateLimitedLog overCap = new RateLimitedLog(LOG, 1000);
    private final RateLimitedLog tooSlow = new RateLimitedLog(LOG, 1000);

    ConnectionGuard(Vertx vertx, ListenerSettings settings, HttpServerOptions options, ListenerGuard guard) {
        this.vertx = vertx;
        this.settings = settings;
        this.options = options;
        this.guard = guard;
    }

    /**
     * For {@code HttpServer.connectionHandler}: counts the connection, or closes it when over a cap.
     * A peer the ACL or its scope's always-deny refuses takes no slot (a flood from elsewhere cannot
     * lock the configured MMSCs out): it keeps the read deadlines, and its request is answered 403 by
     * the listener guard. The connection's idle time is its scope's.
     */
    void accept(HttpConnection connection) {
        String peer = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
        String local = connection.localAddress() == null ? null : connection.localAddress().hostAddress();
        int localPort = connection.localAddress() == null ? 0 : connection.localAddress().port();
        ScopeOptions scope = guard.scopeOf(peer, local, localPort);
        boolean takesSlot = guard.takesSlot(peer, scope);
        int all = takesSlot ? open.incrementAndGet() : 0;
        int fromPeer = takesSlot ? openByPeer.compute(peer, (p, n) -> n == null ? new AtomicInteger(1) : increment(n)).get() : 0;
        int idleSeconds = scope.idleTime();
        Deadline deadline = new Deadline(connection, peer, idleSeconds);
        connection.closeHandler(v -> {
            if (takesSlot) {
                open.decrementAndGet();
                openByPeer.computeIfPresent(peer, (p, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
            deadline.cancel();
            deadlines.remove(connection);
        });
        if (all > settings.maxConnections() || fromPeer > settings.maxConnectionsPerPeer()) {
            overCap.warn("refused a connection from {}: {} open in all (mm7.server.max-connections {}), {} from this peer"
                    + " (mm7.server.max-connections-per-peer {})", peer, all, settings.maxConnections(), fromPeer,
                    settings.maxConnectionsPerPeer());
            connection.close();
            return;
        }
        StrictFraming.install(connection, options, peer);
        ConnectionIdleTime.set(connection, idleSeconds);
        deadlines.put(connection, deadline);
        deadline.awaitHeaders(firstHeadMillis());
    }

    /** A new connection's first request head: the shorter of first-request-timeout and the read timeout (0 is none). */
    private long firstHeadMillis() {
        long first = settings.firstHeadTimeoutSeconds() * 1000L;
        long read = readTimeoutMillis();
        return first <= 0 ? read : read <= 0 ? first : Math.min(first, read);
    }

    /** Wraps the server's request handler: the body's deadline starts when the headers are in. */
    Handler<HttpServerRequest> timing(Handler<HttpServerRequest> requests) {
        return request -> {
            Deadline deadline = deadlines.get(request.connection());
            if (deadline != null) {
                deadline.awaitBody(request, readTimeoutMillis());
            }
            requests.handle(request);
        };
    }

    /** A router handler for every routed request: once it is answered, the connection may wait for the next one. */
    void onAnswer(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        ctx.addEndHandler(done -> {
            Deadline deadline = deadlines.get(connection);
            if (deadline != null) {
                deadline.awaitHeaders(deadline.idleSeconds * 1000L + readTimeoutMillis());
            }
        });
        ctx.next();
    }

    int openConnections() {
        return open.get();
    }

    private long readTimeoutMillis() {
        return settings.requestReadTimeoutSeconds() * 1000L;
    }

    private static AtomicInteger increment(AtomicInteger n) {
        n.incrementAndGet();
        return n;
    }

    /** The one timer of a connection: for the next request's headers, or for the current request's body. */
    private final class Deadline {
        private final HttpConnection connection;
        private final String peer;
        private final int idleSeconds;
        private long timer = -1;

        Deadline(HttpConnection connection, String peer, int idleSeconds) {
            this.connection = connection;
            this.peer = peer;
            this.idleSeconds = idleSeconds;
        }

        void awaitHeaders(long millis) {
            cancel();
            if (millis > 0) {
                timer = vertx.setTimer(millis, id -> {
                    tooSlow.warn("closed the connection of {}: no complete request headers within {} ms", peer, millis);
                    connection.close();
                });
            }
        }

        void awaitBody(HttpServerRequest request, long millis) {
            cancel();
            if (millis > 0) {
                timer = vertx.setTimer(millis, id -> {
                    if (request.isEnded()) {
                        return; // read in time; the answer is on its way
                    }
                    tooSlow.warn("refused {} {} from {}: HTTP 408 (body not received within mm7.server.request-read-timeout {} s)",
                            request.method(), request.path(), peer, settings.requestReadTimeoutSeconds());
                    if (!request.response().ended() && !request.response().headWritten()) {
                        request.response().setStatusCode(408).putHeader("Connection", "close").end()
                                .onComplete(v -> connection.close());
                    } else {
                        connection.close();
                    }
                });
            }
        }

        void cancel() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }
}
