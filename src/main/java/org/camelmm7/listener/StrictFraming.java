package org.camelmm7.listener;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

import org.camelmm7.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framing errors answered as such. Vert.x closes a connection whose body framing breaks (a chunk
 * size that is not hex, a chunk longer than it says) without a word, and Netty quietly drops the
 * Content-Length of a request that also says Transfer-Encoding: chunked (the request-smuggling
 * shape). On each new connection this puts a decoder in Vert.x's place that refuses the second,
 * and a {@link FramingGuard} behind it that answers the first with 400 and one log line.
 *
 * <p>Uses Vert.x's channel pipeline (its internal {@code ConnectionBase}); a test over raw sockets
 * covers each case, so an upgrade that moves it fails the build rather than the framing.
 */
final class StrictFraming {

    private static final Logger LOG = LoggerFactory.getLogger(StrictFraming.class);
    private static final String DECODER = "httpDecoder";
    private static final String ENCODER = "httpEncoder";

    private StrictFraming() {
    }

    static void install(HttpConnection connection, HttpServerOptions options, String peer) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get(DECODER) == null || pipeline.get(ENCODER) == null) {
            return;
        }
        pipeline.replace(DECODER, DECODER, new RequestDecoder(options));
        // behind the encoder: answers pass it as HTTP objects, before they are bytes
        pipeline.addAfter(ENCODER, "mm7Framing", new FramingGuard(peer));
    }

    /** Vert.x's decoder, except that Transfer-Encoding with Content-Length is an invalid request (400). */
    private static final class RequestDecoder extends VertxHttpRequestDecoder {

        RequestDecoder(HttpServerOptions options) {
            super(options);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw new IllegalArgumentException("Transfer-Encoding: chunked together with Content-Length");
        }
    }

    /**
     * Between the codec and Vert.x, so it sees requests coming in and answers going out: a body
     * whose framing breaks gets 400 (if its request is not answered yet), one log line, and the
     * connection closed; bytes after a request that are no request (a Content-Length that was too
     * short, say) are dropped, and the connection closes once the requests before them are
     * answered, in order, rather than Vert.x answering the garbage ahead of them.
     */
    private static final class FramingGuard extends ChannelDuplexHandler {

        private final String peer;
        private int unanswered;
        private boolean closeWhenAnswered;

        FramingGuard(String peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closeWhenAnswered) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                if (request.decoderResult().isFailure() && unanswered > 0) {
                    ReferenceCountUtil.release(msg);
                    LOG.warn("refused bytes from {} after a request: not a request ({}); the connection closes once it is answered", peer,
                            LogSafe.text(request.decoderResult().cause()));
                    closeWhenAnswered = true;
                    return;
                }
                unanswered++;
            } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
                Throwable cause = content.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                LOG.warn("refused a request from {}: HTTP 400 (broken body framing: {})", peer, LogSafe.text(cause));
                if (unanswered == 1) {
                    FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                            Unpooled.EMPTY_BUFFER);
                    answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
                } else {
                    // answered already (a refusal while the body came), or answers owed before it: nothing more to say
                    ctx.close();
                }
                return;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent) {
                unanswered = Math.max(0, unanswered - 1);
                if (closeWhenAnswered && unanswered == 0) {
                    ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            ctx.write(msg, promise);
        }
    }
}
