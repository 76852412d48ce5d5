package org.camelmm7.mm7;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Requests as peers send them, and the mutations the fuzz rounds make of them (seeded by the
 * caller's {@link Random}, so a case can be replayed): flipped, inserted, cut and repeated bytes,
 * and mangled content types. HostilePeerFuzzTest throws them at the running gateway;
 * MimeEntityOracleTest reads them with both MIME readers.
 */
public final class PeerCorpus {

    private PeerCorpus() {
    }

    /** A request as a peer would send it: content type and body. */
    public record Seed(String path, String contentType, byte[] body) {
    }

    public static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(new Seed("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()));
        seeds.add(new Seed("/ringtones/", "text/xml; charset=utf-8", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Seed("/ringtones/", "multipart/related; boundary=\"b1\"; type=\"text/xml\"; start=\"<soap>\"",
                Samples.swa("b1", "Content-Type: text/xml; charset=utf-8\nContent-ID: <soap>", Samples.envelope("fz", Samples.deliverBody("cid:mm")),
                        "Content-ID: <mm>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable", "Gr=C3=BC=C3=9Fe", "\r\n")));
        seeds.add(new Seed("/email_gateway/", "text/xml", Samples.envelope("rr", "<ReadReplyReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<MessageID>m-1</MessageID><Recipient><Number>1555</Number></Recipient><Sender><ShortCode>1</ShortCode></Sender>"
                + "<TimeStamp>2026-11-25T11:00:00Z</TimeStamp><MMStatus>Read</MMStatus></ReadReplyReq>").getBytes(StandardCharsets.UTF_8)));
        return seeds;
    }

    private static final String[] SPLICES = {"--", "\r\n", "\r\n\r\n", "<", ">", "</", "&", "&#0;", "&#xD;&#xA;", "\"", "cid:", "%", "=",
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n", "<a><a><a><a>", "\u00ff\u00fe", "]]>", "<!DOCTYPE x>", "base64", "\0"};

    public static byte[] mutate(byte[] body, Random random) {
        byte[] b = body.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = splice(b, at, 0, SPLICES[random.nextInt(SPLICES.length)].getBytes(StandardCharsets.ISO_8859_1));
                case 2 -> b = splice(b, at, Math.min(b.length - at, 1 + random.nextInt(64)), new byte[0]);
                case 3 -> b = Arrays.copyOf(b, at);
                case 4 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(200));
                    byte[] copy = Arrays.copyOfRange(b, at, at + len);
                    b = splice(b, at, 0, copy);
                }
                default -> b[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    public static String mutateContentType(String type, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> type.replace("boundary=", "boundary=x");
            case 1 -> type.replace("\"", "");
            case 2 -> type.replaceAll("start=\"[^\"]*\"", "start=\"<nowhere>\"");
            case 3 -> "text/xml; charset=" + (random.nextBoolean() ? "x-unknown" : "utf 8?");
            case 4 -> "multipart/related";
            default -> type;
        };
    }
}
