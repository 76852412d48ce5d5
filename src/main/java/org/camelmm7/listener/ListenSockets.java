package org.camelmm7.listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sockets the listener opens for the {@code Listen} addresses configured. The JVM opens every
 * server socket dual-stack: a wildcard address, IPv4 ({@code :P}, {@code *:P}, {@code 0.0.0.0:P}) or
 * IPv6 ({@code [::]:P}, {@code [*]:P}), takes IPv4 and IPv6 connections to every address of the
 * host on its port, and the kernel then refuses any other socket on that port (Java has no
 * IPV6_V6ONLY). So the addresses of one port that a wildcard is among become that one wildcard
 * socket, which serves all of them; specific addresses on a port without a wildcard each get a
 * socket. One port cannot be plain and TLS at once.
 *
 * @param sockets the sockets to open, in the order first configured
 * @param served  for each configured address served by another's socket, a line saying so
 */
public record ListenSockets(List<ListenAddress> sockets, List<String> served) {

    public static ListenSockets of(List<ListenAddress> configured) {
        Map<Integer, List<ListenAddress>> byPort = new LinkedHashMap<>();
        List<ListenAddress> sockets = new ArrayList<>();
        List<String> served = new ArrayList<>();
        for (ListenAddress address : configured) {
            if (address.port() == 0) {
                // any free port: a socket of its own
                sockets.add(address);
            } else {
                byPort.computeIfAbsent(address.port(), p -> new ArrayList<>()).add(address);
            }
        }
        for (List<ListenAddress> port : byPort.values()) {
            ListenAddress first = port.get(0);
            if (port.stream().anyMatch(a -> a.tls() != first.tls())) {
                throw new IllegalArgumentException("mm7.server.listen: port " + first.port() + " is listed both with and without tls");
            }
            ListenAddress wildcard = port.stream().filter(ListenAddress::wildcard).findFirst().orElse(null);
            if (wildcard == null) {
                port.stream().distinct().forEach(sockets::add);
                continue;
            }
            sockets.add(wildcard);
            port.stream().filter(a -> !a.equals(wildcard)).distinct().forEach(a -> served.add(
                    a.authority(a.port()) + " is served by the socket on " + wildcard.authority(wildcard.port())
                            + " (a wildcard socket takes IPv4 and IPv6 connections to every address on its port)"));
        }
        return new ListenSockets(List.copyOf(sockets), List.copyOf(served));
    }
}
