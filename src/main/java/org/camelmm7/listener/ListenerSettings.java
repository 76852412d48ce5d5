package org.camelmm7.listener;

import org.camelmm7.support.Settings;

/**
 * How the MM7 listener takes connections (Momentum's HTTP_Listener): where it listens, how long a
 * connection may say nothing ({@code idle_time}), how long a request may take to arrive, and how
 * many connections it holds at once, in all and per peer address.
 *
 * @param idleTimeSeconds           a connection with no traffic either way for this long is closed; 0: never
 * @param requestReadTimeoutSeconds a request's headers, and then its body, must arrive within this long
 * @param maxConnections            connections held at once; more are closed as they arrive
 * @param maxConnectionsPerPeer     connections held at once from one IP address
 */
public record ListenerSettings(String host, int port, int idleTimeSeconds, int requestReadTimeoutSeconds, int maxConnections,
                               int maxConnectionsPerPeer, long maxRequestSize) {

    public static ListenerSettings from(Settings settings) {
        return new ListenerSettings(settings.get("mm7.server.host").trim(), settings.integer("mm7.server.port"),
                settings.integer("mm7.server.idle-time"), settings.integer("mm7.server.request-read-timeout"),
                settings.integer("mm7.server.max-connections"), settings.integer("mm7.server.max-connections-per-peer"),
                settings.bytes("mm7.server.max-request-size"));
    }
}
