package org.camelmm7.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

import org.camelmm7.support.Settings;

/**
 * Momentum's scopes of the HTTP_Listener: {@code Peer "CIDR" { … }} at the listener
 * ({@code mm7.server.peer.<name>.*}), {@code Listen "address" { … }} ({@code mm7.server.listen.<name>.*})
 * and a Peer inside a Listen ({@code mm7.server.listen.<name>.peer.<name>.*}). A request takes each
 * option from the most specific Peer matching its address (the longest prefix; at equal length the
 * one inside the Listen), then from the Listen it came in on, then from the listener ({@code mm7.server.*}).
 */
public final class ListenerScopes {

    /** A {@code Peer} scope: the addresses it matches and what it sets. */
    record PeerScope(String key, List<CidrRange> addresses, ScopeOptions options) {

        /** The prefix length of the most specific of its ranges holding {@code address}; -1 when none does. */
        int match(InetAddress address) {
            return addresses.stream().filter(r -> r.contains(address)).mapToInt(CidrRange::prefixLength).max().orElse(-1);
        }
    }

    /** A {@code Listen} scope: its socket, what it sets, and the Peers inside it. */
    record ListenScope(String key, ListenAddress address, InetAddress local, ScopeOptions options, List<PeerScope> peers) {

        /** Whether a connection to {@code local}:{@code port} came in on this socket (a wildcard takes every address of its port). */
        boolean serves(InetAddress to, int port) {
            return address.port() == port && (local.isAnyLocalAddress() || local.equals(to));
        }
    }

    private final ScopeOptions listener;
    private final List<PeerScope> peers;
    private final List<ListenScope> listens;

    ListenerScopes(ScopeOptions listener, List<PeerScope> peers, List<ListenScope> listens) {
        this.listener = listener;
        this.peers = List.copyOf(peers);
        this.listens = List.copyOf(listens);
    }

    /**
     * The scopes of the configuration; {@code listener} holds the listener's own values of every option.
     * A Listen scope with {@code .enable = false} is left out, as Momentum's {@code enable}.
     */
    static ListenerScopes from(Settings settings, ScopeOptions listener) {
        Duration nonceLifetime = settings.seconds("mm7.server.digest.nonce-lifetime");
        List<ListenScope> listens = new ArrayList<>();
        for (String name : settings.scopeNames("mm7.server.listen.", ".address")) {
            String key = "mm7.server.listen." + name;
            String enable = settings.optional(key + ".enable");
            if (name.contains("_peer_") || (enable != null && !Boolean.parseBoolean(enable))) {
                // (a Peer inside a Listen as an environment variable reads like a Listen named "<listen>_peer_<peer>")
                continue;
            }
            ListenAddress address = ListenAddress.parse(settings.get(key + ".address").trim(), key + ".address");
            listens.add(new ListenScope(key, address, lookUp(address.host()), ScopeOptions.read(settings, key, nonceLifetime),
                    peers(settings, key + ".peer.", nonceLifetime)));
        }
        return new ListenerScopes(listener, peers(settings, "mm7.server.peer.", nonceLifetime), listens);
    }

    private static List<PeerScope> peers(Settings settings, String prefix, Duration nonceLifetime) {
        List<PeerScope> peers = new ArrayList<>();
        for (String name : settings.scopeNames(prefix, ".address")) {
            String key = prefix + name;
            List<CidrRange> ranges = settings.list(key + ".address").stream().map(r -> {
                try {
                    return CidrRange.parse(r);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ".address: " + e.getMessage(), e);
                }
            }).toList();
            peers.add(new PeerScope(key, ranges, ScopeOptions.read(settings, key, nonceLifetime)));
        }
        return peers;
    }

    /** The sockets the Listen scopes name, in the order of their names. */
    List<ListenAddress> addresses() {
        return listens.stream().map(ListenScope::address).toList();
    }

    /** Every option as it applies to a request from {@code peer} that came in on {@code local}:{@code port}. */
    ScopeOptions resolve(InetAddress local, int port, InetAddress peer) {
        ListenScope listen = listenOf(local, port);
        ScopeOptions around = listen == null ? listener : listen.options().over(listener);
        PeerScope best = null;
        int bestLength = -1;
        // the Listen's own Peers first: at equal length they win over the listener's
        List<PeerScope> candidates = listen == null ? peers : Stream.concat(listen.peers().stream(), peers.stream()).toList();
        for (PeerScope scope : candidates) {
            int length = scope.match(peer);
            if (length > bestLength) {
                best = scope;
                bestLength = length;
            }
        }
        return best == null ? around : best.options().over(around);
    }

    /** The same, from the textual addresses of a connection (an address that is not an IP literal matches no Peer). */
    ScopeOptions resolve(String local, int port, String peer) {
        if (peers.isEmpty() && listens.isEmpty()) {
            return listener; // no scopes: nothing to look up per request
        }
        return resolve(literal(local), port, literal(peer));
    }

    private ListenScope listenOf(InetAddress local, int port) {
        if (local == null) {
            return null;
        }
        ListenScope wildcard = null;
        for (ListenScope listen : listens) {
            if (listen.serves(local, port)) {
                if (!listen.local().isAnyLocalAddress()) {
                    return listen; // a specific address before the port's wildcard
                }
                wildcard = wildcard == null ? listen : wildcard;
            }
        }
        return wildcard;
    }

    /** Every value an option takes on a socket: the listener's, its Listen scopes', and every Peer's that may connect to it. */
    private <T> Stream<T> valuesOn(ListenAddress socket, Function<ScopeOptions, T> option) {
        List<ListenScope> on = listens.stream().filter(l -> l.address().port() == socket.port()).toList();
        return Stream.of(Stream.of(listener), on.stream().map(l -> l.options().over(listener)),
                        on.stream().flatMap(l -> l.peers().stream()).map(PeerScope::options), peers.stream().map(PeerScope::options))
                .flatMap(s -> s).map(option).filter(Objects::nonNull);
    }

    /** The largest max-request-size of any scope: what a body may reach before the scope's own limit is applied. */
    long largestMaxRequestSize() {
        return everyScope().map(ScopeOptions::maxRequestSize).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(listener.maxRequestSize());
    }

    /** Whether any scope sets a verify mode other than none (the client CAs are needed then). */
    boolean anyAsksForCertificates() {
        return everyScope().map(ScopeOptions::tlsVerifyMode).anyMatch(m -> m != null && m != ServerTls.VerifyMode.NONE);
    }

    /**
     * The verify mode a TLS socket's handshakes use: the one every scope that may reach it agrees on;
     * where they differ, a certificate is asked for but not required, and the request's own scope
     * decides ({@link ListenerPolicy}).
     */
    ServerTls.VerifyMode handshakeVerifyMode(ListenAddress socket) {
        List<ServerTls.VerifyMode> modes = valuesOn(socket, ScopeOptions::tlsVerifyMode).distinct().toList();
        return modes.size() == 1 ? modes.get(0) : ServerTls.VerifyMode.OPTIONAL;
    }

    private Stream<ScopeOptions> everyScope() {
        return Stream.of(Stream.of(listener), listens.stream().map(ListenScope::options),
                Stream.concat(listens.stream().flatMap(l -> l.peers().stream()), peers.stream()).map(PeerScope::options)).flatMap(s -> s);
    }

    private static InetAddress lookUp(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("mm7.server.listen: host '" + host + "' cannot be resolved", e);
        }
    }

    private static InetAddress literal(String address) {
        if (address == null || !address.matches("[0-9A-Fa-f:.%a-zA-Z]+") || !address.matches("[0-9.]+|.*:.*")) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
