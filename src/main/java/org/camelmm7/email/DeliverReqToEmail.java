package org.camelmm7.email;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.StatusCode;
import org.camelmm7.support.LogSafe;
import org.slf4j.LoggerFactory;

/**
 * Turns a DeliverReq into the mail its recipients read, written straight from the request's parts
 * into the pickup format: From and To by the address rules, Subject (RFC 2047 when not ASCII),
 * Date from TimeStamp, X-MM7-* headers for tracing, text parts inline and decoded, media and SMIL
 * as attachments with their bytes unchanged (base64 passed on as it came). Bcc recipients and
 * displayOnly addresses shape the envelope, not the headers.
 */
public final class DeliverReqToEmail {

    /** The ending of spill files, which the spool removes at start ({@code .<gateway ID>.spill}). */
    public static final String SPILL_SUFFIX = ".spill";

    private final EmailAddressRules rules;
    private final String messageIdDomain;
    private final Path spillDir;

    /** Mail written in memory only. */
    public DeliverReqToEmail(EmailAddressRules rules, String messageIdDomain) {
        this(rules, messageIdDomain, null);
    }

    /**
     * @param spillDir where a mail larger than {@link PickupMail#LARGEST_IN_MEMORY} keeps the rest of
     *                 its bytes while it is written to the spool (hidden {@code .<ID>.spill} files);
     *                 null: in memory
     */
    public DeliverReqToEmail(EmailAddressRules rules, String messageIdDomain, Path spillDir) {
        this.rules = rules;
        this.messageIdDomain = messageIdDomain;
        this.spillDir = spillDir;
    }

    /**
     * The DeliverReq as a mail. Content that cannot be read is a 4004 or 4xxx fault; a spill file
     * that cannot be written fails with an {@link java.io.UncheckedIOException} (the disk, not the
     * content).
     */
    public PickupMail convert(Mm7Request deliverReq, ReceivedRequest received) {
        ChunkedBuffer buffer = spillDir == null ? new ChunkedBuffer()
                : new ChunkedBuffer(spillDir.resolve("." + received.gatewayId() + SPILL_SUFFIX), PickupMail.LARGEST_IN_MEMORY);
        boolean written = false;
        try {
            InternetAddress from = rules.from(deliverReq.sender());
            Addressing addressing = addressing(deliverReq);
            String messageId = "<" + received.gatewayId() + "@" + messageIdDomain + ">";
            MailEnvelope envelope = new MailEnvelope(from.getAddress(), addressing.envelope(), received.gatewayId(), deliverReq.transactionId(),
                    messageId, null);
            MailWriter mail = new MailWriter(buffer);
            mail.utf8(PickupFile.envelopeLines(envelope.sender(), envelope.recipients()));
            mail.addresses("From", List.of(from)).addresses("To", addressing.to()).addresses("Cc", addressing.cc())
                    .text("Subject", deliverReq.subject() == null ? "" : deliverReq.subject())
                    .date(sentAt(deliverReq.timeStamp(), received.receivedAt()))
                    .field("Message-ID", messageId)
                    .field("MIME-Version", "1.0");
            traceHeaders(mail, deliverReq, received);
            body(mail, deliverReq, received.gatewayId());
            written = true;
            return new PickupMail(envelope, buffer);
        } catch (AddressException e) {
            throw new Mm7Exception(StatusCode.ADDRESS_ERROR, "address cannot be used in e-mail: " + e.getMessage(), deliverReq.transaction(), e);
        } catch (IOException | IllegalArgumentException e) {
            // broken transfer encoding, an unknown charset: the content cannot be read as sent (4004, like malformed MIME)
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "content cannot be decoded: " + e.getMessage(), deliverReq.transaction(), e);
        } finally {
            if (!written) {
                buffer.release();
            }
        }
    }

    /** Who the mail shows and who it is delivered to. */
    private record Addressing(List<InternetAddress> to, List<InternetAddress> cc, List<String> envelope) {
    }

    /** To and Cc show every address, displayOnly ones included; the envelope holds the deliverable ones and Bcc. */
    private Addressing addressing(Mm7Request r) throws AddressException {
        Map<String, InternetAddress> envelope = new LinkedHashMap<>();
        List<InternetAddress> to = addresses(r.recipients().to(), envelope);
        List<InternetAddress> cc = addresses(r.recipients().cc(), envelope);
        addresses(r.recipients().bcc(), envelope);
        if (envelope.isEmpty()) {
            InternetAddress fallback = rules.defaultRecipient();
            if (fallback == null) {
                throw new AddressException("the DeliverReq names no deliverable recipient and mm7.server.default-email-to-address is not set");
            }
            envelope.put(fallback.getAddress().toLowerCase(), fallback);
            if (to.isEmpty() && cc.isEmpty()) {
                to.add(fallback);
            }
        }
        return new Addressing(to, cc, envelope.values().stream().map(InternetAddress::getAddress).toList());
    }

    private List<InternetAddress> addresses(List<Mm7Address> mm7, Map<String, InternetAddress> envelope) throws AddressException {
        List<InternetAddress> shown = new ArrayList<>();
        for (Mm7Address a : mm7) {
            InternetAddress mail = rules.to(a);
            shown.add(mail);
            if (!a.displayOnly()) {
                envelope.putIfAbsent(mail.getAddress().toLowerCase(), mail);
            }
        }
        return shown;
    }

    private static void traceHeaders(MailWriter mail, Mm7Request r, ReceivedRequest received) throws IOException {
        traced(mail, "X-MM7-Gateway-ID", received.gatewayId());
        traced(mail, "X-MM7-TransactionID", r.transactionId());
        traced(mail, "X-MM7-MessageID", r.messageId());
        traced(mail, "X-MM7-LinkedID", r.linkedId());
        traced(mail, "X-MM7-MMSRelayServerID", r.mmsRelayServerId());
        traced(mail, "X-MM7-Sender", r.sender().value());
        traced(mail, "X-MM7-Priority", r.priority());
        traced(mail, "X-MM7-VASP-Path", received.vaspPath());
        traced(mail, "X-MM7-Version", r.transaction().mm7Version());
        for (Map.Entry<String, String> added : received.mailHeaders().entrySet()) {
            mail.text(added.getKey(), added.getValue());
        }
        if ("High".equalsIgnoreCase(r.priority())) {
            mail.field("X-Priority", "1 (Highest)").field("Importance", "high");
        } else if ("Low".equalsIgnoreCase(r.priority())) {
            mail.field("X-Priority", "5 (Lowest)").field("Importance", "low");
        }
    }

    /** Header values are single lines: a CR or LF from the request must not start a new field. */
    private static void traced(MailWriter mail, String name, String value) throws IOException {
        if (value != null && !value.isBlank()) {
            mail.text(name, value.replaceAll("[\\r\\n]+", " ").trim());
        }
    }

    /** One text part alone becomes a plain text mail; anything else a multipart/mixed. */
    private static void body(MailWriter mail, Mm7Request r, String gatewayId) throws IOException {
        List<MmsContentParts.Leaf> leaves = r.content() == null || r.content().entity() == null
                ? List.of() : MmsContentParts.leaves(r.content().entity());
        if (leaves.isEmpty()) {
            mail.textBody("", true);
            return;
        }
        if (leaves.size() == 1 && leaves.get(0).isPlainText()) {
            mail.textBody(leaves.get(0).text(), true);
            return;
        }
        // readable text first, then media in the MM's order, the SMIL presentation last
        List<MmsContentParts.Leaf> ordered = new ArrayList<>(leaves);
        ordered.sort(Comparator.comparingInt(leaf -> leaf.isPlainText() ? 0 : leaf.isSmil() ? 2 : 1));
        mail.multipart("multipart/mixed", "----=_mm7_" + gatewayId);
        for (MmsContentParts.Leaf leaf : ordered) {
            mail.part();
            if (leaf.isPlainText()) {
                mail.field("Content-Disposition", "inline").textBody(leaf.text(), true);
            } else {
                attachment(mail, leaf);
            }
        }
        mail.endMultipart();
    }

    /** Media as an attachment in base64: a base64 part is passed on as it came, any other is encoded. */
    private static void attachment(MailWriter mail, MmsContentParts.Leaf leaf) throws IOException {
        mail.field("Content-Type", leaf.mediaType() + "; " + MailWriter.parameter("name", leaf.fileName()))
                .field("Content-Transfer-Encoding", "base64")
                .field("Content-Disposition", "attachment; " + MailWriter.parameter("filename", leaf.fileName()))
                .newline();
        mail.base64(leaf.part());
    }

    /** TimeStamp as xs:dateTime (a missing zone is read as UTC); the receipt time when absent or unreadable (logged). */
    public static Instant sentAt(String timeStamp, Instant receivedAt) {
        if (timeStamp == null || timeStamp.isBlank()) {
            return receivedAt;
        }
        try {
            return OffsetDateTime.parse(timeStamp.trim()).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(timeStamp.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                LoggerFactory.getLogger(DeliverReqToEmail.class).warn("TimeStamp '{}' is not an xs:dateTime: the receipt time {} is used",
                        LogSafe.text(timeStamp), receivedAt);
                return receivedAt;
            }
        }
    }
}
