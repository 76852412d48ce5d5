package org.camelmm7.listener;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends a refused request's answer and closes its connection, so a body nobody will read does not
 * keep streaming in. Closing a socket that still holds unread bytes makes the kernel send a reset,
 * which can destroy the answer before the peer reads it; so what is already on its way is read and
 * dropped for a short moment (at most {@link #LINGER_MILLIS} ms and {@link #LINGER_BYTES} bytes),
 * then the connection is closed.
 */
public final class RefusedRequest {

    static final long LINGER_MILLIS = 1000;
    static final long LINGER_BYTES = 1024 * 1024;
    /** How long a whole body is taken in for an answer the peer reads only afterwards. */
    static final long DRAIN_MILLIS = 30_000;

    private RefusedRequest() {
    }

    public static void answerAndClose(RoutingContext ctx) {
        answerAndClose(ctx, null, LINGER_BYTES);
    }

    /**
     * With a body for the answer (its status and Content-Type set by the caller), reading up to
     * {@code drainBytes} of what the peer still sends first: a peer that reads only after it has sent
     * its whole body (Java's HttpClient does) sees the answer only if the body is taken in.
     */
    public static void answerAndClose(RoutingContext ctx, byte[] body, long drainBytes) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        Vertx vertx = ctx.vertx();
        response.putHeader("Connection", "close");
        Buffer answer = body == null ? Buffer.buffer() : Buffer.buffer(body);
        if (request.isEnded()) {
            response.end(answer).onComplete(done -> response.close());
            return;
        }
        long[] drained = {0};
        long timer = vertx.setTimer(drainBytes > LINGER_BYTES ? DRAIN_MILLIS : LINGER_MILLIS, id -> response.close());
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > drainBytes) {
                response.close();
            }
        });
        request.endHandler(end -> {
            vertx.cancelTimer(timer);
            response.close();
        });
        request.exceptionHandler(broken -> response.close());
        response.end(answer);
        request.resume();
    }
}
