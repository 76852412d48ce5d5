package org.camelmm7;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on loopback that accepts every mail and keeps only counts: how many
 * connections were opened and how many mails came, so tests can see how a client uses its
 * connections. (GreenMail keeps the mails but does not count connections.)
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger mails = new AtomicInteger();
    private final AtomicInteger recipients = new AtomicInteger();
    private final String recipientReply;

    public SmtpSink() throws IOException {
        this(0);
    }

    public SmtpSink(int port) throws IOException {
        this(port, "250 ok");
    }

    private SmtpSink(int port, String recipientReply) throws IOException {
        this.recipientReply = recipientReply;
        server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        sessions.submit(this::accept);
    }

    /** A relay that refuses every recipient for good (550). */
    public static SmtpSink refusingRecipients() throws IOException {
        return refusingRecipients(0);
    }

    /** The same on a given port, where an accepting relay may take its place. */
    public static SmtpSink refusingRecipients(int port) throws IOException {
        return new SmtpSink(port, "550 5.1.1 no such user");
    }

    /** For the benchmark: a sink on the given port (0: any) that prints its counts every 5 seconds until killed. */
    public static void main(String[] args) throws Exception {
        try (SmtpSink sink = new SmtpSink(args.length > 0 ? Integer.parseInt(args[0]) : 0)) {
            System.out.println("SMTP sink on 127.0.0.1:" + sink.port());
            while (true) {
                Thread.sleep(5000);
                System.out.println("connections=" + sink.connections() + " mails=" + sink.mails());
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public int mails() {
        return mails.get();
    }

    /** RCPT TO commands received, accepted or not. */
    public int recipients() {
        return recipients.get();
    }

    private Void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                sessions.submit(() -> session(client));
            } catch (IOException closed) {
                return null;
            }
        }
        return null;
    }

    private Void session(Socket client) throws IOException {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            reply(out, "220 sink ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink\r\n250 8BITMIME");
                    case "RCPT" -> {
                        recipients.incrementAndGet();
                        reply(out, recipientReply);
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            // the mail is not kept
                        }
                        mails.incrementAndGet();
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return null;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        }
        return null;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdownNow();
    }
}
