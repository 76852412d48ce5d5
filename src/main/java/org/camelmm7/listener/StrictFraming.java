package org.camelmm7.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
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
 * size that is not hex, a chunk longer than it says) without a word, and Netty reads some heads two
 * parsers could frame differently (request smuggling): it drops the Content-Length of a request
 * that also says Transfer-Encoding: chunked, reads a body as chunked when chunked is not the last
 * coding, and unfolds folded lines. On each new connection this puts a decoder in Vert.x's place
 * that refuses those ({@link RequestDecoder}), and a {@link FramingGuard} behind it that answers
 * broken body framing with 400 and one log line.
 *
 * <p>Netty 4.2.21, which the runnable jar ships, refuses all but the folds and a coding before
 * chunked by itself; these checks stay because the same classes run on the Netty of the runtime
 * they are deployed in (a camel-karaf estate's, a Camel CLI's), where not all of it may.
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

    /**
     * Vert.x's decoder, stricter where two HTTP parsers could disagree on where a request ends (RFC
     * 9112 §6.1, §5.2, §11.2): Transfer-Encoding with Content-Length; a Transfer-Encoding whose last
     * coding is not chunked, or that names chunked twice (400), or another coding before chunked
     * (501: none is implemented); a head line folded onto the line before it, or with a control
     * character (400). A refused request ends the connection: nothing after it is read.
     */
    private static final class RequestDecoder extends VertxHttpRequestDecoder {

        private final int maxHeadBytes;
        /** The bytes at the reader index begin, or continue, a request's head. */
        private boolean inHead = true;
        private final HeadLines headLines = new HeadLines();
        /** In a chunked body: a chunk-size line comes next (after the CRLF that ends the chunk before, if not read yet). */
        private boolean chunkSizeNext;
        private boolean chunkDelimiterPending;
        private long chunkLeft;
        private boolean refused;

        RequestDecoder(HttpServerOptions options) {
            super(options);
            this.maxHeadBytes = options.getMaxInitialLineLength() + options.getMaxHeaderSize();
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw new IllegalArgumentException("Transfer-Encoding: chunked together with Content-Length");
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (refused) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            String wrong = inHead ? headLines.firstViolation(buffer, maxHeadBytes) : chunkSizeNext ? nextChunkSizeViolation(buffer) : null;
            if (wrong != null) {
                refuse(buffer, out, new IllegalArgumentException(wrong));
                return;
            }
            int before = out.size();
            super.decode(ctx, buffer, out);
            for (int i = before; i < out.size(); i++) {
                Object decoded = out.get(i);
                if (decoded instanceof HttpContent content && !inHead && !chunkSizeNext && chunkLeft > 0) {
                    chunkLeft -= content.content().readableBytes();
                    if (chunkLeft <= 0) {
                        chunkSizeNext = true;
                        chunkDelimiterPending = true;
                    }
                }
                if (decoded instanceof HttpRequest request && request.decoderResult().isSuccess()) {
                    inHead = false;
                    headLines.ended();
                    chunkSizeNext = HttpUtil.isTransferEncodingChunked(request);
                    chunkDelimiterPending = false;
                    IllegalArgumentException codings = TransferCodings.violation(request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
                    if (codings != null) {
                        List<Object> dropped = out.subList(i, out.size());
                        dropped.forEach(ReferenceCountUtil::release);
                        dropped.clear();
                        inHead = true;
                        refuse(buffer, out, codings);
                        return;
                    }
                } else if (decoded instanceof LastHttpContent) {
                    inHead = true;
                    chunkSizeNext = false;
                }
            }
        }

        /**
         * The chunk-size line about to be read, once it is whole: hex digits first (no sign, no
         * {@code 0x}, no whitespace before them: Netty skips leading whitespace), then nothing but
         * optional whitespace before {@code ;} and the extensions Netty checks.
         */
        private String nextChunkSizeViolation(ByteBuf buffer) {
            int i = buffer.readerIndex();
            int end = buffer.writerIndex();
            if (chunkDelimiterPending) {
                if (end - i < 2) {
                    return null;
                }
                if (buffer.getByte(i) == '\r' && buffer.getByte(i + 1) == '\n') {
                    i += 2;
                }
            }
            int lf = buffer.indexOf(i, end, (byte) '\n');
            if (lf < 0) {
                return null;
            }
            int digits = 0;
            long size = 0;
            int j = i;
            for (; j < lf && Character.digit(buffer.getByte(j), 16) >= 0; j++, digits++) {
                size = digits < 16 ? size * 16 + Character.digit(buffer.getByte(j), 16) : Long.MAX_VALUE;
            }
            while (j < lf && (buffer.getByte(j) == ' ' || buffer.getByte(j) == '\t')) {
                j++;
            }
            byte next = buffer.getByte(j);
            if (digits == 0 || !(next == ';' || next == '\r' && j + 1 == lf)) {
                return "a chunk-size line that is not hex digits followed by extensions";
            }
            chunkSizeNext = false;
            chunkDelimiterPending = false;
            chunkLeft = size;
            return null;
        }

        /**
         * As Netty does with a message it cannot read, and the rest discarded: in a head, an invalid
         * request for Vert.x to answer 400; in a body, content whose framing broke, which the
         * {@link FramingGuard} answers.
         */
        private void refuse(ByteBuf buffer, List<Object> out, IllegalArgumentException why) {
            refused = true;
            buffer.skipBytes(buffer.readableBytes());
            if (inHead) {
                DefaultFullHttpRequest invalid = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Unpooled.EMPTY_BUFFER);
                invalid.setDecoderResult(DecoderResult.failure(why));
                out.add(invalid);
            } else {
                DefaultLastHttpContent broken = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
                broken.setDecoderResult(DecoderResult.failure(why));
                out.add(broken);
            }
        }
    }

    /** A transfer coding the gateway does not implement: answered 501 (RFC 9112 §6.1). */
    static final class UnimplementedCoding extends IllegalArgumentException {
        UnimplementedCoding(String message) {
            super(message);
        }
    }

    /** The Transfer-Encoding rules of RFC 9112 §6.1 and §6.3 for a server that implements chunked alone. */
    static final class TransferCodings {

        private TransferCodings() {
        }

        /** Null when the fields are absent or say exactly {@code chunked}. */
        static IllegalArgumentException violation(List<String> fields) {
            List<String> codings = new ArrayList<>();
            for (String field : fields) {
                for (String coding : field.split(",")) {
                    if (!coding.isBlank()) {
                        codings.add(coding.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (codings.isEmpty() && fields.isEmpty() || codings.equals(List.of("chunked"))) {
                return null;
            }
            if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")) {
                return new IllegalArgumentException("Transfer-Encoding " + codings + ": chunked is not the last coding");
            }
            if (codings.indexOf("chunked") != codings.size() - 1) {
                return new IllegalArgumentException("Transfer-Encoding " + codings + ": chunked more than once");
            }
            return new UnimplementedCoding("Transfer-Encoding " + codings + ": only chunked is implemented");
        }
    }

    /**
     * The lines of one connection's request heads as they arrive, before Netty reads (and would
     * unfold) them. Netty takes a head line by line as each is complete, so a call may begin part
     * way through a head: whether its request line was seen already is kept between calls.
     */
    static final class HeadLines {

        /** A line of the current head was seen: an empty line now ends the head, rather than preceding it. */
        private boolean lineSeen;

        /**
         * What is wrong with the head lines readable so far, or null: a line that begins with a
         * space or tab (obs-fold, or whitespace before the request line), or a control character
         * other than a tab. Empty lines before the request line are allowed (RFC 9112 §2.2).
         */
        String firstViolation(ByteBuf buffer, int maxBytes) {
            int end = buffer.readerIndex() + Math.min(buffer.readableBytes(), maxBytes);
            boolean lineStart = true;
            for (int i = buffer.readerIndex(); i < end; i++) {
                byte b = buffer.getByte(i);
                if (b == '\n') {
                    if (lineStart && lineSeen) {
                        return null; // the empty line that ends the head
                    }
                    lineStart = true;
                    continue;
                }
                if (b == '\r') {
                    continue;
                }
                if (lineStart && (b == ' ' || b == '\t')) {
                    return "a head line that begins with whitespace (a folded line)";
                }
                if ((b < 0x20 && b != '\t') || b == 0x7f) {
                    return String.format("control character 0x%02x in the head", b);
                }
                lineStart = false;
                lineSeen = true;
            }
            return null;
        }

        /** The head was read whole: the next begins afresh. */
        void ended() {
            lineSeen = false;
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
