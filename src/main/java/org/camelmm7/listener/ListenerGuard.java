package org.camelmm7.listener;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import org.camelmm7.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link ListenerPolicy} in the Vert.x router ahead of every route, so a refused
 * request is answered before its body is read, with one log line, and its connection closed (a
 * body nobody reads must not keep streaming in).
 */
public final class ListenerGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerGuard.class);

    private final ListenerPolicy policy;
    private final BodyBudget bodies;

    public ListenerGuard(ListenerPolicy policy, BodyBudgetSettings budget) {
        this.policy = policy;
        this.bodies = new BodyBudget(budget.bytes(), budget.maxWait().toMillis(), budget.mm7Version());
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        ListenerPolicy.Refusal refusal;
        if (request.version() == HttpVersion.HTTP_1_1 && request.getHeader("Host") == null) {
            refusal = new ListenerPolicy.Refusal(400, "HTTP/1.1 request without Host");
        } else if (!request.path().equals(ctx.normalizedPath())) {
            refusal = new ListenerPolicy.Refusal(400, "path is not in normal form");
        } else {
            refusal = policy.check(new ListenerPolicy.Request(request.method().name(), request.path(), request.uri(), peer,
                    request.getHeader("Authorization"), verifiedCertificate(request), contentLength(request)));
        }
        if (refusal == null) {
            // a streamed body over the limit is refused later by the body handler; log that too
            ctx.addHeadersEndHandler(done -> {
                if (ctx.response().getStatusCode() == 413) {
                    LOG.warn("refused {} {} from {}: HTTP 413 (body over mm7.server.max-request-size {})", request.method(),
                            LogSafe.text(request.path()), peer, policy.maxRequestSize());
                }
            });
            Long declared = contentLength(request);
            bodies.admit(ctx, declared != null ? declared : policy.maxRequestSize(), ctx::next);
            return;
        }
        LOG.warn("refused {} {} from {}: HTTP {} ({})", request.method(), LogSafe.text(request.path()), peer, refusal.status(), refusal.reason());
        HttpServerResponse response = ctx.response().setStatusCode(refusal.status());
        if (!refusal.challenges().isEmpty()) {
            response.headers().add("WWW-Authenticate", refusal.challenges());
        }
        if (refusal.status() == 405) {
            response.putHeader("Allow", "POST");
        }
        RefusedRequest.answerAndClose(ctx);
    }

    /** Bytes of request bodies being read or worked on now. */
    /** Whether the peer ACL (mm7.server.allow/deny) lets this address in at all. */
    boolean peerAllowed(String peer) {
        return policy.peerAllowed(peer);
    }

    public long bodyBytesInUse() {
        return bodies.inUse();
    }

    /** The client certificate the TLS handshake verified (Vert.x asks for one only when tls.verify-mode is not none). */
    private static X509Certificate verifiedCertificate(HttpServerRequest request) {
        if (!request.isSSL()) {
            return null;
        }
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            return chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
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
