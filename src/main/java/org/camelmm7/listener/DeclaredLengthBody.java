package org.camelmm7.listener;

import io.netty.buffer.Unpooled;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Reads a request body into one array of exactly its Content-Length, allocated once before the
 * first byte arrives. Vert.x's {@link BodyHandler} starts at 64 KiB whatever the Content-Length says
 * and grows its buffer in 4 MiB steps, each step a new buffer and a copy: a 10 MB request cost about
 * twice its size while it was read, in contiguous arrays a small G1 heap may not find. The array is
 * the body Camel is handed, wrapped, and {@link org.camelmm7.support.BufferBytes} gives it back without a copy, so the MM7
 * reader slices that same array.
 * <p>
 * What this reader does not take, Vert.x's does, with the same limit: a chunked body (no declared
 * length), an empty one, an expectation other than 100-continue (417), one over the limit (413).
 */
final class DeclaredLengthBody implements Handler<RoutingContext> {

    private final long limit;

    DeclaredLengthBody(long limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request);
        String expect = request.getHeader(HttpHeaders.EXPECT);
        boolean continues = expect != null && expect.equalsIgnoreCase("100-continue") && request.version() == HttpVersion.HTTP_1_1;
        if (declared <= 0 || declared > limit || declared > Integer.MAX_VALUE - 16 || request.isEnded()
                || request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || expect != null && !continues) {
            BodyHandler.create(false).setBodyLimit(limit).handle(ctx);
            return;
        }
        RoutingContextInternal routing = (RoutingContextInternal) ctx;
        if (routing.seenHandler(RoutingContextInternal.BODY_HANDLER)) {
            ctx.next();
            return;
        }
        routing.visitHandler(RoutingContextInternal.BODY_HANDLER);
        byte[] body = new byte[(int) declared];
        int[] filled = {0};
        request.exceptionHandler(ctx::fail);
        request.handler(chunk -> {
            int n = chunk.length();
            // Netty's decoder ends the body at the Content-Length; more would be the next request's bytes
            if (n > body.length - filled[0]) {
                ctx.fail(400);
                return;
            }
            chunk.getBytes(0, n, body, filled[0]);
            filled[0] += n;
        });
        request.endHandler(end -> {
            if (ctx.failed()) {
                return;
            }
            if (filled[0] != body.length) {
                ctx.fail(400);
                return;
            }
            routing.setBody(Buffer.buffer(Unpooled.wrappedBuffer(body)));
            ctx.next();
        });
        if (continues) {
            // curl, and other clients, ask before sending a large body
            ctx.response().writeContinue();
        }
        request.resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
