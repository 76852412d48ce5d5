package org.camelmm7.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.NoSuchElementException;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.apache.camel.Exchange;
import org.camelmm7.client.tracking.MessageStore;
import org.camelmm7.email.MailSessions;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.SenderIdentification;
import org.camelmm7.mm7.SubmitOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Momentum's mstore in the client's routes: the mail of each submission the MMSC accepted is kept
 * ({@code mm7.client.mstore.save-message}) in bucket {@code MADR-<short code>} or {@code MADR-MM7}
 * by the MMSC's MessageID, unless {@code mm7StoreSubmit} says no; the management routes list,
 * display, reinstate (the mail submitted again to the same recipients, as a new submission) and
 * delete it.
 */
public final class KeptMail {

    private static final Logger LOG = LoggerFactory.getLogger(KeptMail.class);

    /** The mstore settings: whether mail is kept, bucket per short code, for how long. */
    public record Settings(boolean saveMessage, boolean bucketUseShortCode, Duration retention) {
    }

    private final MessageStore store;
    private final Settings settings;
    private final Mm7Hooks hooks;

    public KeptMail(MessageStore store, Settings settings, Mm7Hooks hooks) {
        this.store = store;
        this.settings = settings;
        this.hooks = hooks;
    }

    /**
     * After the MMSC accepted the submission, before D is written. A store that fails costs the
     * kept copy (an ERROR line), never the submission, which the MMSC has already taken.
     */
    public void keep(Exchange exchange) {
        Submission s = ClientExchange.SUBMISSION.get(exchange);
        SubmitOutcome outcome = Mm7Exchange.SUBMIT_OUTCOME.get(exchange);
        MimeMessage mail = Mm7Exchange.PICKED_UP_MAIL.get(exchange);
        if (!settings.saveMessage() || outcome.messageId() == null || mail == null) {
            return;
        }
        String bucket = bucketOf(s);
        try {
            if (!hooks.storeSubmit().keep(s.request(), mail, bucket, outcome.messageId())) {
                return;
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mail.writeTo(raw);
            store.keep(new MessageStore.Kept(outcome.messageId(), bucket, s.domain().name(), s.gatewayId(), s.sender(), s.recipients(),
                    s.original().subject(), Instant.now(), raw.toByteArray()));
        } catch (SQLException | IOException | MessagingException | RuntimeException e) {
            LOG.error("{}: the mail MMSC MessageID {} accepted is not kept in the message store: {}", s.gatewayId(), outcome.messageId(),
                    e.toString());
        }
    }

    /** {@code MADR-<short code>} when the SubmitReq's sender is a short code (and the buckets go by it), else {@code MADR-MM7}. */
    String bucketOf(Submission s) {
        SenderIdentification sender = s.request().senderIdentification();
        Mm7Address address = sender == null ? null : sender.senderAddress();
        return settings.bucketUseShortCode() && address != null && address.type() == Mm7Address.Type.SHORT_CODE
                ? "MADR-" + address.value() : "MADR-MM7";
    }

    /** For the management route: one line per kept mail ({@link MessageStore.Kept#line()}); {@code bucket} null or empty: all. */
    public String listing(String bucket) throws SQLException {
        StringBuilder lines = new StringBuilder();
        for (MessageStore.Kept k : store.list(bucket == null || bucket.isBlank() ? null : bucket)) {
            lines.append(k.line()).append('\n');
        }
        return lines.toString();
    }

    /** What was kept, then the mail's header fields and its parts (type, size, name). */
    public String display(String messageId, String bucket) throws SQLException, MessagingException, IOException {
        MessageStore.Kept k = find(messageId, bucket);
        StringBuilder out = new StringBuilder();
        out.append("MessageID: ").append(k.messageId()).append('\n').append("Bucket: ").append(k.bucket()).append('\n')
                .append("MM7 domain: ").append(k.mm7Domain()).append('\n').append("Gateway ID: ").append(k.gatewayId()).append('\n')
                .append("Sender: ").append(k.sender()).append('\n').append("Recipients: ").append(String.join(", ", k.recipients())).append('\n')
                .append("Kept: ").append(k.storedAt()).append('\n').append("Size: ").append(k.mail().length).append('\n').append('\n');
        MimeMessage mail = new MimeMessage(MailSessions.PLAIN, new SharedByteArrayInputStream(k.mail()));
        for (Header h : Collections.list(mail.getAllHeaders())) {
            out.append(h.getName()).append(": ").append(h.getValue()).append('\n');
        }
        out.append('\n').append("Parts:").append('\n');
        parts(mail, "  ", out);
        return out.toString();
    }

    private static void parts(Part part, String indent, StringBuilder out) throws MessagingException, IOException {
        out.append(indent).append(part.getContentType().replaceAll("\\s+", " "));
        if (part.getFileName() != null) {
            out.append("; file ").append(part.getFileName());
        }
        if (part.isMimeType("multipart/*")) {
            out.append('\n');
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                parts(child, indent + "  ", out);
            }
        } else {
            out.append("; ").append(part.getInputStream().readAllBytes().length).append(" bytes\n");
        }
    }

    /**
     * For the management route: the kept mail as the client takes up a picked-up one, with its
     * sender and this submission's recipients as its envelope ({@code X-Sender}, {@code X-Receiver}):
     * submitted again to those recipients only, as a new submission (a new gateway ID and
     * TransactionID; D, T or P like any other).
     */
    public void toPickupMail(Exchange exchange) throws SQLException {
        MessageStore.Kept k = find(Mm7Exchange.MANAGED_ID.get(exchange), Mm7Exchange.MANAGED_BUCKET.get(exchange));
        StringBuilder envelope = new StringBuilder("X-Sender: ").append(k.sender()).append("\r\n");
        for (String r : k.recipients()) {
            envelope.append("X-Receiver: ").append(r).append("\r\n");
        }
        byte[] head = envelope.toString().getBytes(StandardCharsets.UTF_8);
        byte[] mail = withoutEnvelope(k.mail());
        byte[] pickup = new byte[head.length + mail.length];
        System.arraycopy(head, 0, pickup, 0, head.length);
        System.arraycopy(mail, 0, pickup, head.length, mail.length);
        exchange.getMessage().setBody(pickup);
    }

    public void delete(String messageId, String bucket) throws SQLException {
        find(messageId, bucket);
        if (!store.delete(messageId)) {
            throw noSuch(messageId);
        }
    }

    /** Forgets kept mail past mm7.client.mstore.retention-days; returns how many. */
    public int purge() throws SQLException {
        return store.purge(settings.retention());
    }

    /** {@code bucket} null: any; else the mail must be in it, as Momentum's console names both. */
    private MessageStore.Kept find(String messageId, String bucket) throws SQLException {
        return store.find(messageId).filter(k -> bucket == null || bucket.equals(k.bucket()))
                .orElseThrow(() -> noSuch(bucket == null ? messageId : bucket + " " + messageId));
    }

    private static NoSuchElementException noSuch(String messageId) {
        return new NoSuchElementException("no kept mail " + messageId);
    }

    /** The mail without the X-Sender and X-Receiver fields of a pickup file (the reinstate writes its own). */
    static byte[] withoutEnvelope(byte[] mail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mail.length);
        int i = 0;
        boolean dropping = false;
        while (i < mail.length) {
            int end = i;
            while (end < mail.length && mail[end] != '\n') {
                end++;
            }
            end = Math.min(end + 1, mail.length);
            String line = new String(mail, i, end - i, StandardCharsets.ISO_8859_1);
            if (line.equals("\r\n") || line.equals("\n")) {
                out.write(mail, i, mail.length - i); // the body, as it is
                return out.toByteArray();
            }
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (!continuation) {
                String name = line.toLowerCase(java.util.Locale.ROOT);
                dropping = name.startsWith("x-sender:") || name.startsWith("x-receiver:");
            }
            if (!dropping) {
                out.write(mail, i, end - i);
            }
            i = end;
        }
        return out.toByteArray();
    }
}
