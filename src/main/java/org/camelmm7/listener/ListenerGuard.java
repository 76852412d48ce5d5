package org.camelmm7.listener;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Namespaces;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.Mm7Transaction;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.mm7.StatusCode;
import org.camelmm7.support.LogSafe;
import org.camelmm7.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link ListenerPolicy} in the Vert.x router ahead of every route, so a refused
 * request is answered before its body is read, with one log line, and its connection closed (a
 * body nobody reads must not keep streaming in).
 */
public final class ListenerGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerGuard.class);

    /** The routing context's entry holding the request's max-request-size (its scope's), for the body handler. */
    static final String MAX_REQUEST_SIZE = "mm7.maxRequestSize";

    private final ListenerPolicy policy;
    private final BodyBudget bodies;
    private final Mm7HttpBody starting;
    private final Mm7HttpBody stopping;
    private final Mm7HttpBody logBehind;
    private final BooleanSupplier mmsLogBehind;
    private final RateLimitedLog refusedWhileStartingOrStopping = new RateLimitedLog(LOG, 1000);
    private final RateLimitedLog refusedWhileLogBehind = new RateLimitedLog(LOG, 1000);
    private volatile Phase phase = Phase.STARTING;

    /** Whether requests reach the routes: not before all of them have started, not once the gateway stops. */
    private enum Phase { STARTING, TAKING_REQUESTS, STOPPING }

    /** @param mmsLogBehind whether the MMS log has more waiting than it may (new requests get 4006 meanwhile) */
    public ListenerGuard(ListenerPolicy policy, BodyBudgetSettings budget, BooleanSupplier mmsLogBehind) {
        this.policy = policy;
        this.bodies = new BodyBudget(budget.bytes(), budget.maxWait().toMillis(), budget.mm7Version());
        this.starting = serviceUnavailable(budget.mm7Version(), "the gateway is starting; retry later");
        this.stopping = serviceUnavailable(budget.mm7Version(), "the gateway is stopping; retry later");
        this.logBehind = serviceUnavailable(budget.mm7Version(), "the gateway cannot log now; retry later");
        this.mmsLogBehind = mmsLogBehind;
    }

    private static Mm7HttpBody serviceUnavailable(String mm7Version, String text) {
        return new Mm7Writer().writeFault(new Mm7Transaction(Mm7Namespaces.REL_6_MM7_1_4, null, mm7Version),
                Mm7Status.of(StatusCode.SERVICE_UNAVAILABLE, text), true);
    }

    /**
     * Once every route has started. Until then each request is answered 4006 (retry later) and its
     * connection closed: the listener is bound before the routes start (a port in use stops the
     * start), and a path whose route has not started yet would be answered 404 ("no such VASP").
     */
    public void startTakingRequests() {
        if (phase == Phase.STARTING) {
            phase = Phase.TAKING_REQUESTS;
        }
    }

    /**
     * From the moment the gateway begins to stop: each new request is answered 4006 (retry later)
     * and its connection closed, rather than reaching routes that are being stopped, which would
     * answer 404 ("no such VASP": an MMSC bounces the MMS). Requests let in before go on.
     */
    public void stopTakingRequests() {
        phase = Phase.STOPPING;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String local = request.localAddress() == null ? null : request.localAddress().hostAddress();
        int localPort = request.localAddress() == null ? 0 : request.localAddress().port();
        ScopeOptions scope = policy.scopeOf(peer, local, localPort);
        long maxRequestSize = scope.maxRequestSize();
        if (scope.logsRequests()) {
            RequestLog.onAnswer(ctx);
        }
        Phase now = phase;
        if (now != Phase.TAKING_REQUESTS) {
            refusedWhileStartingOrStopping.warn("answered 4006 to {} {} from {}: the gateway is {}", request.method(), LogSafe.text(request.path()),
                    peer, now == Phase.STARTING ? "starting" : "stopping");
            answerRetryLater(ctx, now == Phase.STARTING ? starting : stopping, maxRequestSize);
            return;
        }
        if (mmsLogBehind.getAsBoolean() && !policy.servesOpenPath(request.path())) {
            // every accepted request is an R line (and a mail's D line later): none is taken that could not be logged
            refusedWhileLogBehind.warn("answered 4006 to {} {} from {}: the MMS log is behind (mms.logger.max-pending-bytes)",
                    request.method(), LogSafe.text(request.path()), peer);
            answerRetryLater(ctx, logBehind, maxRequestSize);
            return;
        }
        ListenerPolicy.Refusal refusal;
        if (request.version() == HttpVersion.HTTP_1_1 && request.getHeader("Host") == null) {
            refusal = new ListenerPolicy.Refusal(400, "HTTP/1.1 request without Host");
        } else if (!request.path().equals(ctx.normalizedPath())) {
            refusal = new ListenerPolicy.Refusal(400, "path is not in normal form");
        } else {
            refusal = policy.check(new ListenerPolicy.Request(request.method().name(), request.path(), request.uri(), peer, local, localPort,
                    request.isSSL(), request.getHeader("Authorization"), verifiedCertificate(request), contentLength(request)), scope);
        }
        if (refusal == null) {
            // a streamed body over the limit is refused later by the body handler; log that too
            ctx.addHeadersEndHandler(done -> {
                if (ctx.response().getStatusCode() == 413) {
                    LOG.warn("refused {} {} from {}: HTTP 413 (body over max-request-size {})", request.method(),
                            LogSafe.text(request.path()), peer, maxRequestSize);
                }
            });
            ctx.put(MAX_REQUEST_SIZE, maxRequestSize);
            Long declared = contentLength(request);
            bodies.admit(ctx, declared != null ? declared : maxRequestSize, ctx::next);
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

    private static void answerRetryLater(RoutingContext ctx, Mm7HttpBody fault, long maxRequestSize) {
        ctx.response().setStatusCode(500).putHeader("Content-Type", fault.contentType());
        // taken in whole: a peer that reads only after sending its body must still see the answer
        RefusedRequest.answerAndClose(ctx, fault.bytes(), maxRequestSize);
    }

    /** Whether a connection from {@code peer}, in {@code scope}, takes a connection slot ({@link ListenerPolicy#takesSlot}). */
    boolean takesSlot(String peer, ScopeOptions scope) {
        return policy.takesSlot(peer, scope);
    }

    /** The options of the scope a connection falls in (its idle time). */
    ScopeOptions scopeOf(String peer, String local, int localPort) {
        return policy.scopeOf(peer, local, localPort);
    }

    /** Bytes of request bodies being read or worked on now. */
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
