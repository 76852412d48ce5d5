package org.camelmm7.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets for SMTP with Nagle's algorithm off. A mail ends with a short {@code .} line
 * written right after the body; with Nagle on, it waits for the ACK of the body, which the relay
 * delays (up to 40 ms on Linux) because it has nothing to say yet: every mail then costs 40 ms
 * on its connection, whatever the relay's speed. Measured with {@code tools/benchmark/run mail-leg}
 * (2 cores, SMTP sink on loopback): 305 mails/s with Nagle on and a growing spool, 1,052 with it off.
 */
final class NoDelaySockets extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
