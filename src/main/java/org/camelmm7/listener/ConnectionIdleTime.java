package org.camelmm7.listener;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Momentum's {@code idle_time} for one connection, as its Peer or Listen scope sets it: Vert.x
 * takes one idle timeout per server socket, so the connection's own replaces it in the
 * connection's pipeline (the handler Vert.x names "idle"; its idle event closes the connection).
 */
final class ConnectionIdleTime {

    private static final String IDLE = "idle";
    private static final String VERTX_HANDLER = "handler";

    private ConnectionIdleTime() {
    }

    /** @param seconds no traffic either way for this long closes it; 0: never */
    static void set(HttpConnection connection, int seconds) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get(IDLE) instanceof IdleStateHandler current) {
            if (current.getAllIdleTimeInMillis() == seconds * 1000L) {
                return;
            }
            if (seconds <= 0) {
                pipeline.remove(IDLE);
            } else {
                pipeline.replace(IDLE, IDLE, handler(seconds));
            }
        } else if (seconds > 0 && pipeline.get(VERTX_HANDLER) != null) {
            pipeline.addBefore(VERTX_HANDLER, IDLE, handler(seconds));
        }
    }

    private static IdleStateHandler handler(int seconds) {
        return new IdleStateHandler(0, 0, seconds, TimeUnit.SECONDS);
    }
}
