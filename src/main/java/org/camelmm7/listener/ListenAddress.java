package org.camelmm7.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One socket of the MM7 listener, as Momentum's {@code Listen} scope: an address, a port, and
 * whether it speaks TLS ({@code use_ssl}). Written {@code host:port}, {@code [ipv6]:port}, or as a
 * wildcard {@code *:port}, {@code :port} ({@code 0.0.0.0}) or {@code [*]:port} ({@code ::}), followed
 * by {@code tls} for a TLS socket. What sockets these become: {@link ListenSockets}.
 */
public record ListenAddress(String host, int port, boolean tls) {

    /** {@code mm7.server.listen}: addresses separated by commas, e.g. {@code 0.0.0.0:8089, [::]:8443 tls}. */
    public static List<ListenAddress> parseList(String value) {
        List<ListenAddress> addresses = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (!entry.isBlank()) {
                addresses.add(parse(entry.trim()));
            }
        }
        return List.copyOf(addresses);
    }

    static ListenAddress parse(String entry) {
        return parse(entry, "mm7.server.listen");
    }

    /** @param key the configuration key it comes from, for the message when it is wrong */
    static ListenAddress parse(String entry, String key) {
        String[] words = entry.split("\\s+");
        if (words.length > 2 || (words.length == 2 && !words[1].equalsIgnoreCase("tls"))) {
            throw new IllegalArgumentException(key + ": '" + entry + "' is not host:port, optionally followed by tls");
        }
        String socket = words[0];
        int colon = socket.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(key + ": '" + entry + "' has no port");
        }
        String host = socket.substring(0, colon);
        if (host.equals("[*]")) {
            host = "::";
        } else if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(key + ": write an IPv6 address in brackets, as [::1]:8089 ('" + entry + "')");
        }
        if (host.isEmpty() || host.equals("*")) {
            host = "0.0.0.0";
        }
        int port;
        try {
            port = Integer.parseInt(socket.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + ": '" + entry + "' has no valid port");
        }
        return new ListenAddress(host, port, words.length == 2);
    }

    /** Every address of the host: {@code 0.0.0.0} or {@code ::} in any spelling (a host name is never one, and is not looked up). */
    public boolean wildcard() {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** As a URL's authority part names it. */
    public String authority(int actualPort) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort;
    }
}
