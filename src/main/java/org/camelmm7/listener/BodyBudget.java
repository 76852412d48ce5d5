package org.camelmm7.listener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Namespaces;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.Mm7Transaction;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.mm7.StatusCode;
import org.camelmm7.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the bytes of request bodies held at once, so that many large requests cannot exhaust the
 * heap: a request costs its Content-Length (or the maximum request size when it is streamed) from
 * before its body is read until it is answered. A request that does not fit waits unread (the
 * peer's TCP window fills, nothing is lost) in order of arrival; if it still does not fit after
 * {@code maxWaitMillis}, it is answered 4006 (service unavailable: retry later) and its connection
 * closed. One request larger than the whole budget is let in alone. A request whose peer leaves
 * while it waits is passed over and costs nothing; one that leaves after it was let in gives its
 * cost back as its connection closes.
 */
final class BodyBudget {

    private static final Logger LOG = LoggerFactory.getLogger(BodyBudget.class);

    private final long capacity;
    private final long maxWaitMillis;
    private final Mm7HttpBody busy;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final RateLimitedLog shed = new RateLimitedLog(LOG, 1000);
    private long available;

    BodyBudget(long capacity, long maxWaitMillis, String mm7Version) {
        this.capacity = capacity;
        this.available = capacity;
        this.maxWaitMillis = maxWaitMillis;
        this.busy = new Mm7Writer().writeFault(new Mm7Transaction(Mm7Namespaces.REL_6_MM7_1_4, null, mm7Version),
                Mm7Status.of(StatusCode.SERVICE_UNAVAILABLE, "too many large requests at once; retry later"), true);
    }

    /** Lets the request go on once its body fits; {@code proceed} runs on the request's own context. */
    void admit(RoutingContext ctx, long bodyBytes, Runnable proceed) {
        long cost = Math.min(bodyBytes, capacity);
        synchronized (this) {
            if (waiting.isEmpty() && cost <= available) {
                available -= cost;
            } else {
                // unread until it is let in: the router does not pause a request, and data without a handler would be dropped
                ctx.request().pause();
                Waiting w = new Waiting(ctx, cost, proceed, Vertx.currentContext());
                waiting.add(w);
                w.timer = ctx.vertx().setTimer(maxWaitMillis, id -> giveUp(w));
                return;
            }
        }
        start(ctx, cost, proceed);
    }

    /**
     * On the request's own event loop, where its connection's close is seen too: a request whose
     * peer is still there holds its cost until it ends (answered, or its connection closed, which
     * fires its end handlers); one whose peer left while it waited gives the cost back at once,
     * since nothing would end it any more.
     */
    private void start(RoutingContext ctx, long cost, Runnable proceed) {
        if (ctx.response().closed()) {
            release(cost);
            return;
        }
        ctx.addEndHandler(done -> release(cost));
        proceed.run();
    }

    private void release(long cost) {
        List<Waiting> admitted;
        synchronized (this) {
            available += cost;
            admitted = letIn();
        }
        for (Waiting next : admitted) {
            next.context.runOnContext(v -> start(next.ctx, next.cost, next.proceed));
        }
    }

    /** The waiting requests that fit now, in order of arrival; those whose peer has left are passed over and cost nothing. */
    private List<Waiting> letIn() {
        List<Waiting> admitted = new ArrayList<>();
        while (!waiting.isEmpty()) {
            Waiting next = waiting.peek();
            boolean gone = next.ctx.response().closed();
            if (!gone && next.cost > available) {
                break;
            }
            waiting.poll();
            next.ctx.vertx().cancelTimer(next.timer);
            if (!gone) {
                available -= next.cost;
                admitted.add(next);
            }
        }
        return admitted;
    }

    private void giveUp(Waiting w) {
        synchronized (this) {
            if (!waiting.remove(w)) {
                return; // let in meanwhile
            }
        }
        // the ones queued behind it may fit
        release(0);
        if (w.ctx.response().closed()) {
            return;
        }
        String peer = w.ctx.request().remoteAddress() == null ? "unknown" : w.ctx.request().remoteAddress().hostAddress();
        shed.warn("answered 4006 to {} after {} ms: {} bytes of request bodies are being read already (budget {})", peer, maxWaitMillis,
                inUse(), capacity);
        w.ctx.response().setStatusCode(500).putHeader("Content-Type", busy.contentType());
        // the answer is read by peers that first send their whole body: it is taken in (and dropped) up to its size
        RefusedRequest.answerAndClose(w.ctx, busy.bytes(), w.cost);
    }

    synchronized long inUse() {
        return capacity - available;
    }

    /** A request waiting for room. */
    private static final class Waiting {
        final RoutingContext ctx;
        final long cost;
        final Runnable proceed;
        final Context context;
        long timer;

        Waiting(RoutingContext ctx, long cost, Runnable proceed, Context context) {
            this.ctx = ctx;
            this.cost = cost;
            this.proceed = proceed;
            this.context = context;
        }
    }
}
