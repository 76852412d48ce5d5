package org.camelmm7.support;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/** The bytes of a Vert.x buffer as one array, without a copy when the buffer is exactly one array. */
public final class BufferBytes {

    private BufferBytes() {
    }

    /**
     * The array the listener read a body into ({@code DeclaredLengthBody}), itself; a copy of any
     * other buffer (one Vert.x's reader grew, a direct one).
     */
    public static byte[] of(Buffer body) {
        ByteBuf buf = body.getByteBuf();
        if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0 && buf.array().length == buf.readableBytes()) {
            return buf.array();
        }
        return body.getBytes();
    }
}
