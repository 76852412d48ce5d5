package org.camelmm7.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.camelmm7.mm7.Mm7HttpBody;

/**
 * Puts an MM7 answer on the request's HTTP response in one write, with its Content-Length.
 * <p>
 * Left to platform-http, a {@code byte[]} body goes out through an input stream pumped on the
 * event loop (a hop per chunk and a separate write for the end): profiled at about a tenth of a
 * DeliveryReportReq's CPU. A Vert.x {@code Buffer} body would be written at once, but chunked; a
 * {@code ByteBuffer} is consumed by whatever reads it first (under the Camel CLI the MMSC got an
 * empty body). So the answer is written here, on the Vert.x response platform-http handed in, and
 * platform-http leaves a response that has ended alone. The message still carries the status,
 * Content-Type and bytes for anything else in Camel that looks at the exchange.
 */
final class HttpAnswer {

    private HttpAnswer() {
    }

    /** Whether an answer is already on its way to the MMSC (nothing else may be written). */
    static boolean sent(Exchange exchange) {
        HttpServerResponse response = responseOf(exchange);
        return response != null && response.ended();
    }

    static void send(Exchange exchange, int status, Mm7HttpBody body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, body.contentType());
        out.setBody(body.bytes());
        HttpServerResponse response = responseOf(exchange);
        if (response != null && !response.ended()) {
            // the header names as platform-http writes them: some MMSCs read them case-sensitively
            response.setStatusCode(status)
                    .putHeader("Content-Type", body.contentType())
                    .putHeader("Content-Length", Integer.toString(body.bytes().length))
                    .end(Buffer.buffer(body.bytes()));
        }
    }

    /** The Vert.x response of a request that came through platform-http; none for exchanges made otherwise. */
    private static HttpServerResponse responseOf(Exchange exchange) {
        return exchange.getIn() instanceof HttpMessage http ? http.getResponse() : null;
    }
}
