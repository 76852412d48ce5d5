package org.camelmm7.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MMSC on a plain socket that records each request exactly as it came off the wire (request
 * line, header fields in order, body bytes after de-chunking, and whether it was chunked) and
 * answers what the test scripts.
 */
public final class RecordingMmsc implements AutoCloseable {

    /** @param receivedNanos System.nanoTime() when its body had been read */
    public record Request(String requestLine, Map<String, String> headers, List<String> headerNames, byte[] body, boolean chunked,
                          long receivedNanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Function<Request, String> answers;
    private final java.util.concurrent.atomic.AtomicInteger underWay = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();

    /** {@code answers}: the whole HTTP response (status line, headers, body) for each request. */
    public RecordingMmsc(Function<Request, String> answers) throws IOException {
        this.answers = answers;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "recording-mmsc");
        t.setDaemon(true);
        t.start();
    }

    private static final java.util.regex.Pattern TRANSACTION = java.util.regex.Pattern.compile("TransactionID[^>]*>([^<]+)<");

    /** A SubmitRsp for the request's TransactionID, with this status. */
    public static String submitRsp(Request request, int status) {
        java.util.regex.Matcher tx = TRANSACTION.matcher(new String(request.body(), StandardCharsets.UTF_8));
        String ns = "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4";
        return ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<env:Header><mm7:TransactionID xmlns:mm7=\"" + ns + "\" env:mustUnderstand=\"1\">" + (tx.find() ? tx.group(1) : "x")
                + "</mm7:TransactionID></env:Header><env:Body><SubmitRsp xmlns=\"" + ns + "\"><MM7Version>6.8.0</MM7Version><Status><StatusCode>"
                + status + "</StatusCode><StatusText>ok</StatusText></Status><MessageID>rec-" + java.util.UUID.randomUUID()
                + "</MessageID></SubmitRsp></env:Body></env:Envelope>");
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The most requests it was answering at the same time. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "recording-mmsc-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                List<String> names = new ArrayList<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    names.add(h.substring(0, colon));
                    headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
                boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
                byte[] body = chunked ? chunkedBody(in) : in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                Request r = new Request(requestLine, headers, names, body, chunked, System.nanoTime());
                requests.add(r);
                mostAtOnce.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                try {
                    out.write(answers.apply(r).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } finally {
                    underWay.decrementAndGet();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            if (size == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /**
     * An MMSC that wants Digest from user {@code vasp}, password {@code pa55}, on {@code /mm7}: 401 with two Digest
     * challenges (MD5 first) until the request proves the password, checked here by the RFC's formula; then a SubmitRsp 1000.
     */
    public static String digestMmsc(RecordingMmsc.Request r, AtomicInteger nonces) {
        String auth = r.header("Authorization");
        if (auth != null && auth.startsWith("Digest ")) {
            Map<String, String> p = new HashMap<>();
            Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(auth.substring(7));
            while (m.find()) {
                p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            }
            String ha1 = sha256("vasp:mmsc-realm:pa55");
            String ha2 = sha256("POST:" + p.get("uri"));
            String expected = sha256(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
            if (expected.equals(p.get("response")) && "/mm7".equals(p.get("uri")) && "SHA-256".equals(p.get("algorithm"))) {
                return submitRsp(r, 1000);
            }
        }
        int n = nonces.incrementAndGet();
        return "HTTP/1.1 401 Unauthorized\r\n"
                + "WWW-Authenticate: Digest realm=\"mmsc-realm\", qop=\"auth\", algorithm=MD5, nonce=\"md5-" + n + "\"\r\n"
                + "WWW-Authenticate: Digest realm=\"mmsc-realm\", qop=\"auth,auth-int\", algorithm=SHA-256, nonce=\"sha-" + n + "\", opaque=\"o\"\r\n"
                + "WWW-Authenticate: Basic realm=\"mmsc-realm\"\r\nContent-Length: 0\r\n\r\n";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
