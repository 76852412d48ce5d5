package org.camelmm7.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.camelmm7.support.LogSafe;
import org.camelmm7.support.RateLimitedLog;
import org.camelmm7.support.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MM7 listener: the HTTP server that platform-http routes are served by, in place of Camel's
 * embedded one, because Camel's takes no connection settings. It owns what Momentum's
 * HTTP_Listener does: idle and read timeouts, connection caps, and the listener guard in front of
 * every route; malformed requests get a 400 and one log line. It listens on every address of
 * {@code mm7.server.listen}, plain or TLS, one router behind them all, and re-reads the TLS
 * certificates when their files change. Being a
 * {@link VertxPlatformHttpServer}, platform-http consumers find its router as they would Camel's.
 */
public final class Mm7HttpServer extends VertxPlatformHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(Mm7HttpServer.class);
    private static final long TLS_LOOK_INTERVAL_MILLIS = 2000;

    private final ListenerSettings settings;
    private final ListenerGuard guard;
    private final String servedPaths;
    private Vertx vertx;
    private HttpServerOptions options;
    private Router router;
    private ConnectionGuard connections;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<HttpServer> tlsServers = new ArrayList<>();
    private final RateLimitedLog failedHandshakes = new RateLimitedLog(LOG, 1000);
    private TlsFiles tlsFiles;
    private boolean routesStarted;
    private boolean takingRequests;

    /** @param servedPaths what the startup line names as served, e.g. the VASP paths */
    public Mm7HttpServer(ListenerSettings settings, ListenerGuard guard, String servedPaths) {
        super(configuration(settings));
        this.settings = settings;
        this.guard = guard;
        this.servedPaths = servedPaths;
    }

    private static VertxPlatformHttpServerConfiguration configuration(ListenerSettings settings) {
        VertxPlatformHttpServerConfiguration c = new VertxPlatformHttpServerConfiguration();
        c.setBindHost(settings.listen().get(0).host());
        c.setBindPort(settings.firstPort());
        c.setMaxBodySize(settings.maxRequestSize());
        return c;
    }

    @Override
    protected void doInit() {
        vertx = Vertx.vertx();
        options = new HttpServerOptions()
                .setIdleTimeout(settings.idleTimeSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                // MM7 is HTTP/1.x; no h2c upgrade (the JDK client asks for one by default)
                .setHttp2ClearTextEnabled(false)
                .setTcpNoDelay(true);
        connections = new ConnectionGuard(vertx, settings, options, guard);
        router = Router.router(vertx);
        Handler<RoutingContext> errors = new RouterErrors();
        // every failure of every route (Vert.x fails a broken body with status 200, which no error handler takes)
        router.route().order(-2).handler(connections::onAnswer).failureHandler(errors);
        router.route().order(-1).handler(guard);
        for (int status : new int[] {404, 405, 500}) {
            router.errorHandler(status, errors);
        }
        EventNotifierSupport lifecycle = new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent || event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStartedEvent) {
                    takeRequestsOnceRoutesAndSocketsAreUp(true);
                    return;
                }
                // before Camel stops the routes: a request for a path whose route is gone would be answered 404
                LOG.info("MM7 listener: the gateway is stopping; new requests are answered 4006 (retry later)");
                guard.stopTakingRequests();
            }
        };
        getCamelContext().getManagementStrategy().addEventNotifier(lifecycle);
        ServiceHelper.startService(lifecycle);
        String name = VertxPlatformHttpRouter.getRouterNameFromPort(settings.firstPort());
        // (no server type: Camel 4.17, the Camel CLI's, has none; consumers find this server by type)
        getCamelContext().getRegistry().bind(name, new VertxPlatformHttpRouter(this, vertx, router, name) {
            @Override
            public Handler<RoutingContext> bodyHandler() {
                // no form or upload handling: MM7 bodies are multipart/related, read as they are, into one array
                // of their declared size; each up to its scope's size
                return ctx -> {
                    Long limit = ctx.get(ListenerGuard.MAX_REQUEST_SIZE);
                    new DeclaredLengthBody(limit != null ? limit : settings.maxRequestSize()).handle(ctx);
                };
            }
        });
    }

    @Override
    protected void doStart() throws Exception {
        SSLOptions ssl = null;
        if (settings.tls() != null) {
            // the files' state before they are read: a change from here on is seen at the next look
            tlsFiles = settings.tls().files();
            ssl = settings.tls().sslOptions();
        }
        for (ListenAddress address : settings.listen()) {
            HttpServerOptions socket = address.tls() ? settings.tls().apply(options, ssl, settings.scopes().handshakeVerifyMode(address)) : options;
            HttpServer server = vertx.createHttpServer(socket)
                    .connectionHandler(connections::accept)
                    .invalidRequestHandler(RouterErrors::invalidRequest)
                    .requestHandler(connections.timing(router));
            if (address.tls()) {
                server.exceptionHandler(this::handshakeFailed);
            }
            servers.add(server);
            // bound now, so that a port in use stops the start; requests are answered 4006 until the routes are up
            server.listen(address.port(), address.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (address.tls()) {
                tlsServers.add(server);
            }
        }
        takeRequestsOnceRoutesAndSocketsAreUp(getCamelContext().isStarted());
        if (!tlsServers.isEmpty()) {
            vertx.setPeriodic(TLS_LOOK_INTERVAL_MILLIS, id -> vertx.executeBlocking(() -> {
                reloadTlsIfChanged();
                return null;
            }, false));
        }
    }

    /**
     * The routes are served from the moment both the sockets are bound and every route has started
     * (Camel starts this service before the routes, or after them when it is added to a running
     * context); the start line says so, and tools wait for it.
     */
    private synchronized void takeRequestsOnceRoutesAndSocketsAreUp(boolean routesStarted) {
        this.routesStarted |= routesStarted;
        if (!this.routesStarted || servers.isEmpty() || takingRequests) {
            return;
        }
        takingRequests = true;
        guard.startTakingRequests();
        for (int i = 0; i < servers.size(); i++) {
            ListenAddress address = settings.listen().get(i);
            LOG.info("MM7 listener started on {}://{} serving {}", address.tls() ? "https" : "http", address.authority(servers.get(i).actualPort()),
                    servedPaths);
        }
        settings.sockets().served().forEach(line -> LOG.info("MM7 listener: {}", line));
    }

    /** New certificates, keys or client CAs take effect for new connections; open ones keep theirs. */
    private void reloadTlsIfChanged() {
        if (!tlsFiles.changed()) {
            return;
        }
        try {
            SSLOptions ssl = settings.tls().sslOptions();
            for (HttpServer server : tlsServers) {
                server.updateSSLOptions(ssl, true).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            LOG.info("MM7 listener: TLS certificates re-read ({})", settings.tls().identity().certificateOrKeystore());
        } catch (Exception e) {
            // a file half-written or wrong: the sockets keep the material they have
            LOG.warn("MM7 listener: TLS certificates not re-read, the previous ones stay in use: {}", LogSafe.text(e));
        }
    }

    /**
     * TLS handshakes that fail or never finish, plain HTTP on a TLS socket: one line, rate-limited.
     * (Other failures of a connection are the HTTP layer's, which answers and logs them itself.)
     */
    private void handshakeFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t.getClass().getName().startsWith("io.netty.handler.ssl.")) {
                failedHandshakes.warn("MM7 listener: connection closed: {}", LogSafe.text(t));
                return;
            }
        }
        LOG.debug("MM7 listener: connection failed", failure);
    }

    @Override
    protected void doStop() throws Exception {
        for (HttpServer server : servers) {
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        servers.clear();
        tlsServers.clear();
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx = null;
        }
    }

    @Override
    public HttpServer getServer() {
        return servers.isEmpty() ? null : servers.get(0);
    }

    @Override
    public Vertx getVertx() {
        return vertx;
    }

    @Override
    public int getPort() {
        return servers.isEmpty() ? settings.firstPort() : servers.get(0).actualPort();
    }

    /** Bytes of request bodies being read or worked on (the body budget in use). */
    public long bodyBytesInUse() {
        return guard.bodyBytesInUse();
    }

    /** Connections open now, for metrics. */
    public int openConnections() {
        return connections == null ? 0 : connections.openConnections();
    }

    /** What the router could not serve: one log line, an HTTP status, and the connection closed. */
    private static final class RouterErrors implements Handler<RoutingContext> {

        @Override
        public void handle(RoutingContext ctx) {
            HttpServerRequest request = ctx.request();
            Throwable failure = ctx.failure();
            String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            if (failure != null && !request.isEnded()) {
                // the body broke off or its framing is wrong: the peer's fault, whatever the exception
                status = 400;
            }
            if (failure instanceof HttpClosedException) {
                LOG.debug("{} {} from {}: connection closed before the request was read", request.method(), request.path(), peer);
                return;
            }
            if (status == 413) {
                // the guard logged it, with the limit
            } else if (status >= 500) {
                LOG.error("{} {} from {}: HTTP {}", request.method(), LogSafe.text(request.path()), peer, status, failure);
            } else {
                LOG.warn("refused {} {} from {}: HTTP {}{}", request.method(), LogSafe.text(request.path()), peer, status,
                        failure == null ? "" : " (" + LogSafe.text(failure) + ")");
            }
            if (ctx.response().ended() || ctx.response().closed() || ctx.response().headWritten()) {
                request.connection().close();
                return;
            }
            ctx.response().setStatusCode(status);
            RefusedRequest.answerAndClose(ctx);
        }

        /** Requests the HTTP decoder could not read (bad request line, headers, framing): 400 and one line. */
        static void invalidRequest(HttpServerRequest request) {
            Throwable cause = request.decoderResult().cause();
            String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
            LOG.warn("refused a malformed request from {}: {}", peer, LogSafe.text(cause));
            if (cause instanceof StrictFraming.UnimplementedCoding) {
                request.response().setStatusCode(501).putHeader("Connection", "close").end().onComplete(done -> request.connection().close());
                return;
            }
            HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
        }
    }
}
