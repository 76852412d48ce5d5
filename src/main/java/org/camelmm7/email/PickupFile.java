package org.camelmm7.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * The on-disk form of a mail in the spool and the outbox: the RFC 5322 message preceded by its
 * envelope as {@code X-Sender:} and {@code X-Receiver:} lines (the pickup-directory convention of
 * IIS and Exchange), so Bcc recipients survive without a Bcc header. The file is itself a valid
 * message that mail clients open.
 */
public final class PickupFile {

    private static final String SENDER = "X-Sender: ";
    private static final String RECEIVER = "X-Receiver: ";

    private PickupFile() {
    }

    public static byte[] toBytes(OutboundMail mail) throws IOException, MessagingException {
        return toStream(mail).readAllBytes();
    }

    /** The pickup file as a stream over memory written once, for endpoints that take a stream. */
    public static InputStream toStream(OutboundMail mail) throws IOException, MessagingException {
        ChunkedBuffer buffer = new ChunkedBuffer();
        write(mail, buffer);
        return buffer.asInputStream();
    }

    public static void write(OutboundMail mail, OutputStream out) throws IOException, MessagingException {
        List<String> to = new ArrayList<>();
        for (InternetAddress a : mail.getEnvelopeTo()) {
            to.add(a.getAddress());
        }
        out.write(envelopeLines(mail.getEnvelopeSender() == null ? null : mail.getEnvelopeSender().getAddress(), to)
                .getBytes(StandardCharsets.UTF_8));
        mail.saveChanges();
        mail.writeTo(out);
    }

    /** The envelope lines that open a pickup file; a null sender is the null reverse path. */
    public static String envelopeLines(String sender, List<String> recipients) {
        StringBuilder envelope = new StringBuilder();
        envelope.append(SENDER).append(sender == null ? "<>" : sender).append("\r\n");
        for (String to : recipients) {
            envelope.append(RECEIVER).append(to).append("\r\n");
        }
        return envelope.toString();
    }

    /**
     * Reads a pickup file back to relay it; the envelope lines become the envelope and leave the
     * headers, the rest is sent as it is ({@link WrittenMail}).
     */
    public static OutboundMail read(byte[] bytes) throws MessagingException {
        OutboundMail mail = new WrittenMail(MailSessions.PLAIN, new SharedByteArrayInputStream(bytes));
        String[] senders = mail.getHeader("X-Sender");
        String[] receivers = mail.getHeader("X-Receiver");
        mail.removeHeader("X-Sender");
        mail.removeHeader("X-Receiver");
        String sender = senders == null || senders.length == 0 ? "<>" : senders[0].trim();
        mail.setEnvelopeSender(sender.equals("<>") ? null : new InternetAddress(sender, false));
        List<InternetAddress> to = new ArrayList<>();
        if (receivers != null) {
            for (String r : receivers) {
                to.add(new InternetAddress(r.trim(), false));
            }
        }
        mail.setEnvelopeTo(to.toArray(InternetAddress[]::new));
        return mail;
    }

    public static OutboundMail read(InputStream in) throws MessagingException, IOException {
        return read(in.readAllBytes());
    }

}
