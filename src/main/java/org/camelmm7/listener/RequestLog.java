package org.camelmm7.listener;

import java.util.Locale;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import org.camelmm7.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Momentum's {@code log_requests_to_paniclog}: one line per request answered, in Momentum's shape —
 * {@code 1307461172:192.0.2.7:51216 "POST /mm7/ HTTP/1.1" 200 224 5.000}: the Unix time, the peer's
 * address and port, the request line, the status, the body bytes written and the milliseconds taken.
 * Written at INFO to the logger {@code org.camelmm7.requests} (log4j2.properties sends it where an
 * operator wants it), for the requests whose scope sets {@code log-requests}.
 */
final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.camelmm7.requests");

    private RequestLog() {
    }

    /** Writes the request's line once it is answered. */
    static void onAnswer(RoutingContext ctx) {
        long started = System.nanoTime();
        HttpServerRequest request = ctx.request();
        ctx.addEndHandler(done -> {
            if (LOG.isInfoEnabled()) {
                LOG.info(line(request, ctx.response().getStatusCode(), ctx.response().bytesWritten(), System.nanoTime() - started));
            }
        });
    }

    static String line(HttpServerRequest request, int status, long bytesWritten, long nanos) {
        String peer = request.remoteAddress() == null ? "unknown:0" : request.remoteAddress().hostAddress() + ":" + request.remoteAddress().port();
        String protocol = switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
        return System.currentTimeMillis() / 1000 + ":" + peer + " \"" + request.method().name() + " " + LogSafe.text(request.uri()).replace("\"", "%22") + " " + protocol
                + "\" " + status + " " + bytesWritten + " " + String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0);
    }
}
