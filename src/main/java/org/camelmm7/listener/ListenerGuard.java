package org.camelmm7.listener;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link ListenerPolicy} in the Vert.x router ahead of every platform-http route, so
 * a refused request is answered before its body is read, with one log line.
 */
public final class ListenerGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerGuard.class);

    private final ListenerPolicy policy;

    public ListenerGuard(ListenerPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        ListenerPolicy.Refusal refusal = policy.check(request.path(), peer, request.getHeader("Authorization"), contentLength(request));
        if (refusal == null) {
            // a streamed body over the limit is refused later by the body handler; log that too
            ctx.addHeadersEndHandler(done -> {
                if (ctx.response().getStatusCode() == 413) {
                    LOG.warn("refused {} {} from {}: HTTP 413 (body over mm7.server.max-request-size {})", request.method(),
                            request.path(), peer, policy.maxRequestSize());
                }
            });
            ctx.next();
            return;
        }
        LOG.warn("refused {} {} from {}: HTTP {} ({})", request.method(), request.path(), peer, refusal.status(), refusal.reason());
        var response = ctx.response().setStatusCode(refusal.status());
        if (refusal.status() == 401) {
            response.putHeader("WWW-Authenticate", "Basic realm=\"mm7\", charset=\"UTF-8\"");
        }
        response.putHeader("Connection", "close");
        response.end();
    }

    private static Long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
