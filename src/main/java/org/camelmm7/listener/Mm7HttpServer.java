package org.camelmm7.listener;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.camelmm7.listener.ListenerGuard;
import org.camelmm7.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MM7 listener: the HTTP server that platform-http routes are served by, in place of Camel's
 * embedded one, because Camel's takes no connection settings. It owns what Momentum's
 * HTTP_Listener does: idle and read timeouts, connection caps, and the listener guard in front of
 * every route; malformed requests get a 400 and one log line. Being a
 * {@link VertxPlatformHttpServer}, platform-http consumers find its router as they would Camel's.
 */
public final class Mm7HttpServer extends VertxPlatformHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(Mm7HttpServer.class);

    private final ListenerSettings settings;
    private final ListenerGuard guard;
    private final String servedPaths;
    private Vertx vertx;
    private HttpServerOptions options;
    private Router router;
    private ConnectionGuard connections;
    private HttpServer server;

    /** @param servedPaths what the startup line names as served, e.g. the VASP paths */
    public Mm7HttpServer(ListenerSettings settings, ListenerGuard guard, String servedPaths) {
        super(configuration(settings));
        this.settings = settings;
        this.guard = guard;
        this.servedPaths = servedPaths;
    }

    private static VertxPlatformHttpServerConfiguration configuration(ListenerSettings settings) {
        VertxPlatformHttpServerConfiguration c = new VertxPlatformHttpServerConfiguration();
        c.setBindHost(settings.host());
        c.setBindPort(settings.port());
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
        connections = new ConnectionGuard(vertx, settings, options);
        router = Router.router(vertx);
        Handler<RoutingContext> errors = new RouterErrors();
        // every failure of every route (Vert.x fails a broken body with status 200, which no error handler takes)
        router.route().order(-2).handler(connections::onAnswer).failureHandler(errors);
        router.route().order(-1).handler(guard);
        for (int status : new int[] {404, 405, 500}) {
            router.errorHandler(status, errors);
        }
        String name = VertxPlatformHttpRouter.getRouterNameFromPort(settings.port());
        // (no server type: Camel 4.17, the Camel CLI's, has none; consumers find this server by type)
        getCamelContext().getRegistry().bind(name, new VertxPlatformHttpRouter(this, vertx, router, name) {
            @Override
            public Handler<RoutingContext> bodyHandler() {
                // no form or upload handling: MM7 bodies are multipart/related, read as they are
                return BodyHandler.create(false).setBodyLimit(settings.maxRequestSize());
            }
        });
    }

    @Override
    protected void doStart() throws Exception {
        server = vertx.createHttpServer(options)
                .connectionHandler(connections::accept)
                .invalidRequestHandler(RouterErrors::invalidRequest)
                .requestHandler(connections.timing(router));
        server.listen(settings.port(), settings.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.info("MM7 listener started on http://{}:{} serving {}", settings.host(), server.actualPort(), servedPaths);
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            server = null;
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx = null;
        }
    }

    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public Vertx getVertx() {
        return vertx;
    }

    @Override
    public int getPort() {
        return server != null ? server.actualPort() : settings.port();
    }

    /** Connections open now, for metrics. */
    /** Bytes of request bodies being read or worked on (the body budget in use). */
    public long bodyBytesInUse() {
        return guard.bodyBytesInUse();
    }

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
            HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
        }
    }
}
