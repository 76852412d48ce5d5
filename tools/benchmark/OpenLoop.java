// An open-loop load: requests are due at a fixed rate whatever the answers do, and each latency is measured
// from the moment its request was due, so a stalled server shows in the figures instead of slowing the load
// down (what wrk2 does; wrk's closed loop hides it). CONNECTIONS keep-alive connections, one thread each,
// take the next due request in turn: a request that finds every connection busy waits, and the wait counts
// in its latency. Plain sockets and HTTP/1.1 with Content-Length, so the driver costs little CPU next to
// the server. Prints one RESULT line.
//
//   java OpenLoop.java URL BODY_FILE CONTENT_TYPE_FILE RATE SECONDS CONNECTIONS [AUTHORIZATION]

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

public class OpenLoop {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String contentType = Files.readString(Path.of(args[2])).trim();
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int connections = Integer.parseInt(args[5]);
        String head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\nContent-Type: " + contentType
                + "\r\nSOAPAction: \"\"\r\nContent-Length: " + body.length + "\r\n" + (args.length > 6 ? "Authorization: " + args[6] + "\r\n" : "") + "\r\n";
        byte[] request = concat(head.getBytes(StandardCharsets.ISO_8859_1), body);

        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime() + 100_000_000L;
        long interval = 1_000_000_000L / rate;
        Thread[] senders = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            senders[c] = new Thread(() -> {
                Socket socket = null;
                for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                    long due = start + n * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        sleep(wait);
                    }
                    try {
                        if (socket == null) {
                            socket = new Socket(url.getHost(), url.getPort());
                            socket.setTcpNoDelay(true);
                        }
                        OutputStream out = socket.getOutputStream();
                        out.write(request);
                        out.flush();
                        if (!readAnswer(socket)) {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        close(socket);
                        socket = null;
                    }
                    latencies[n] = System.nanoTime() - due;
                }
                close(socket);
            });
            senders[c].start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("RESULT rate=%d sent=%d seconds=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f not_1000=%d%n", rate, total, elapsed,
                latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6, latencies[total - 1] / 1e6, failed.get());
    }

    /** Reads one answer (headers, then Content-Length bytes); true when it is 200 with StatusCode 1000. */
    private static boolean readAnswer(Socket socket) throws IOException {
        // one answer per request and nothing pipelined: a buffer per answer cannot take bytes of the next
        InputStream in = new BufferedInputStream(socket.getInputStream());
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            headers.append((char) b);
        }
        String h = headers.toString();
        int at = h.toLowerCase().indexOf("content-length:");
        if (at < 0) {
            throw new IOException("no Content-Length");
        }
        int length = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).trim());
        byte[] answer = in.readNBytes(length);
        return h.startsWith("HTTP/1.1 200") && new String(answer, StandardCharsets.UTF_8).contains("<StatusCode>1000</StatusCode>");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // gone already
        }
    }
}
