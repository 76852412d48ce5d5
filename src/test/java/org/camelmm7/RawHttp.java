package org.camelmm7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that sends exactly the bytes it is given, as a hostile or broken peer does: paths in
 * any spelling, broken framing, slow trickles. Reads answers as raw HTTP/1.1.
 */
public final class RawHttp implements AutoCloseable {

    /** An answer: its status line's code, and everything read of it. */
    public record Answer(int status, String text) {
        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    public static RawHttp connect(int port) {
        return connect("127.0.0.1", port);
    }

    /** From a given loopback address (127.0.0.2 is another peer to the server). */
    public static RawHttp connect(String localAddress, int port) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawHttp(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST with Host, Content-Type and Content-Length, and any extra header lines. */
    public static byte[] post(String path, String contentType, byte[] body, String... headerLines) {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    public RawHttp send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawHttp send(String ascii) {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends and reads one answer. */
    public Answer exchange(byte[] request, Duration timeout) {
        send(request);
        return answer(timeout);
    }

    /**
     * Reads one answer: the head, then Content-Length bytes of body (or until the connection
     * closes). Status -1 when the connection closed or the time ran out before a status line.
     */
    public Answer answer(Duration timeout) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            InputStream in = socket.getInputStream();
            int headEnd = -1;
            long bodyLength = -1;
            while (true) {
                int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (System.nanoTime() > deadline) {
                    break;
                }
                socket.setSoTimeout(left);
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException | SocketException e) {
                    break;
                }
                if (b < 0) {
                    break;
                }
                read.write(b);
                String text = read.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
                    headEnd = text.length();
                    bodyLength = contentLength(text);
                    if (bodyLength == 0) {
                        break;
                    }
                }
                if (headEnd >= 0 && bodyLength >= 0 && read.size() - headEnd >= bodyLength) {
                    break;
                }
            }
        } catch (IOException e) {
            // what was read so far is the answer
        }
        String text = read.toString(StandardCharsets.UTF_8);
        int status = -1;
        if (text.startsWith("HTTP/1.")) {
            status = Integer.parseInt(text.substring(9, 12));
        }
        return new Answer(status, text);
    }

    /** True when the server closes (or resets) the connection within the time. */
    public boolean closedWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                }
            }
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Long.parseLong(line.substring(15).trim());
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }
}
