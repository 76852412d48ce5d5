package org.camelmm7.listener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelmm7.support.Settings;

/**
 * How the MM7 listener takes connections (Momentum's HTTP_Listener): where it listens, plain or
 * TLS, how long a connection may say nothing ({@code idle_time}), how long a request may take to
 * arrive, and how many connections it holds at once, in all and per peer address.
 *
 * @param sockets                   the sockets: those of {@code mm7.server.listen} ({@link ListenSockets}), or
 *                                  {@code mm7.server.host}:{@code mm7.server.port} in plain HTTP
 * @param tls                       the TLS sockets' certificates and client verification; null when none speaks TLS
 * @param idleTimeSeconds           a connection with no traffic either way for this long is closed; 0: never
 * @param requestReadTimeoutSeconds a TLS handshake, a request's headers, and then its body must each arrive within this long
 * @param firstHeadTimeoutSeconds   a new connection's first request head must be in within this long (at most the read timeout):
 *                                  connections that say nothing cannot hold slots for long
 * @param maxConnections            connections held at once over all sockets; more are closed as they arrive
 * @param maxConnectionsPerPeer     connections held at once from one IP address
 * @param scopes                    the Peer and Listen scopes, with the listener's own options around them
 */
public record ListenerSettings(ListenSockets sockets, ServerTls tls, int idleTimeSeconds, int requestReadTimeoutSeconds,
                               int firstHeadTimeoutSeconds, int maxConnections, int maxConnectionsPerPeer, long maxRequestSize,
                               ListenerScopes scopes) {

    /**
     * The sockets of {@code mm7.server.listen} and of the Listen scopes ({@code mm7.server.listen.<name>.address}),
     * or {@code mm7.server.host}:{@code mm7.server.port} when neither names one.
     */
    public static ListenerSettings from(Settings settings) {
        String authFile = settings.optional("mm7.server.auth-file");
        ScopeOptions listener = new ScopeOptions(settings.bool("mm7.server.always-allow"), settings.bool("mm7.server.always-deny"),
                HttpAuthentication.from(settings), authFile == null ? null : new CredentialsFile(Path.of(authFile)),
                settings.bytes("mm7.server.max-request-size"), settings.integer("mm7.server.idle-time"),
                ServerTls.VerifyMode.of(settings.get("mm7.server.tls.verify-mode"), "mm7.server.tls.verify-mode"),
                settings.bool("mm7.server.log-requests"));
        ListenerScopes scopes = ListenerScopes.from(settings, listener);
        List<ListenAddress> listen = new ArrayList<>(ListenAddress.parseList(settings.get("mm7.server.listen")));
        listen.addAll(scopes.addresses());
        if (listen.isEmpty()) {
            listen.add(new ListenAddress(settings.get("mm7.server.host").trim(), settings.integer("mm7.server.port"), false));
        }
        return new ListenerSettings(ListenSockets.of(listen),
                ServerTls.from(settings, listen.stream().anyMatch(ListenAddress::tls), scopes.anyAsksForCertificates()),
                listener.idleTime(), settings.integer("mm7.server.request-read-timeout"),
                settings.integer("mm7.server.first-request-timeout"),
                settings.integer("mm7.server.max-connections"), settings.integer("mm7.server.max-connections-per-peer"),
                scopes.largestMaxRequestSize(), scopes);
    }

    public List<ListenAddress> listen() {
        return sockets.sockets();
    }

    /**
     * A URL of this listener for a client on the same host: its first plain socket (the first socket
     * when all speak TLS), at its loopback address when it listens on a wildcard.
     */
    public String localUrl(String path) {
        ListenAddress socket = listen().stream().filter(a -> !a.tls()).findFirst().orElse(listen().get(0));
        String host = !socket.wildcard() ? socket.host() : socket.host().contains(":") ? "::1" : "127.0.0.1";
        return (socket.tls() ? "https://" : "http://") + new ListenAddress(host, socket.port(), socket.tls()).authority(socket.port()) + path;
    }

    /** The port the router is registered under: the first socket's. */
    int firstPort() {
        return listen().get(0).port();
    }
}
