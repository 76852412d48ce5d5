package org.camelmm7.email;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.StatusCode;
import org.camelmm7.support.LogSafe;
import org.slf4j.LoggerFactory;

/**
 * Turns a DeliverReq into the mail its recipients read: From and To by the address rules,
 * Subject (RFC 2047 when not ASCII), Date from TimeStamp, X-MM7-* headers for tracing, text
 * parts inline and decoded, media and SMIL as attachments with their bytes unchanged. Bcc
 * recipients and displayOnly addresses shape the envelope, not the headers.
 */
public final class DeliverReqToEmail {


    private final EmailAddressRules rules;
    private final String messageIdDomain;

    public DeliverReqToEmail(EmailAddressRules rules, String messageIdDomain) {
        this.rules = rules;
        this.messageIdDomain = messageIdDomain;
    }

    public OutboundMail convert(Mm7Request deliverReq, ReceivedRequest received) {
        try {
            OutboundMail mail = new OutboundMail(MailSessions.PLAIN);
            InternetAddress from = rules.from(deliverReq.sender());
            mail.setFrom(from);
            mail.setEnvelopeSender(new InternetAddress(from.getAddress()));
            addressMail(mail, deliverReq);
            mail.setSubject(deliverReq.subject() == null ? "" : deliverReq.subject(), StandardCharsets.UTF_8.name());
            mail.setSentDate(Date.from(sentAt(deliverReq.timeStamp(), received.receivedAt())));
            mail.setHeader("Message-ID", "<" + received.gatewayId() + "@" + messageIdDomain + ">");
            traceHeaders(mail, deliverReq, received);
            body(mail, deliverReq);
            mail.saveChanges();
            return mail;
        } catch (AddressException e) {
            throw new Mm7Exception(StatusCode.ADDRESS_ERROR, "address cannot be used in e-mail: " + e.getMessage(), deliverReq.transaction(), e);
        } catch (MessagingException | IOException | IllegalArgumentException e) {
            // broken transfer encoding, an unknown charset: the content cannot be read as sent (4004, like malformed MIME)
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "content cannot be decoded: " + e.getMessage(), deliverReq.transaction(), e);
        }
    }

    /** To and Cc show every address, displayOnly ones included; the envelope holds the deliverable ones and Bcc. */
    private void addressMail(OutboundMail mail, Mm7Request r) throws MessagingException {
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
        if (!to.isEmpty()) {
            mail.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        }
        if (!cc.isEmpty()) {
            mail.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
        }
        mail.setEnvelopeTo(envelope.values().stream().map(a -> plain(a)).toArray(InternetAddress[]::new));
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

    private static InternetAddress plain(InternetAddress a) {
        try {
            return new InternetAddress(a.getAddress(), false);
        } catch (AddressException e) {
            return a;
        }
    }

    private static void traceHeaders(OutboundMail mail, Mm7Request r, ReceivedRequest received) throws MessagingException {
        setIfPresent(mail, "X-MM7-Gateway-ID", received.gatewayId());
        setIfPresent(mail, "X-MM7-TransactionID", r.transactionId());
        setIfPresent(mail, "X-MM7-MessageID", r.messageId());
        setIfPresent(mail, "X-MM7-LinkedID", r.linkedId());
        setIfPresent(mail, "X-MM7-MMSRelayServerID", r.mmsRelayServerId());
        setIfPresent(mail, "X-MM7-Sender", r.sender().value());
        setIfPresent(mail, "X-MM7-Priority", r.priority());
        setIfPresent(mail, "X-MM7-VASP-Path", received.vaspPath());
        setIfPresent(mail, "X-MM7-Version", r.transaction().mm7Version());
        if ("High".equalsIgnoreCase(r.priority())) {
            mail.setHeader("X-Priority", "1 (Highest)");
            mail.setHeader("Importance", "high");
        } else if ("Low".equalsIgnoreCase(r.priority())) {
            mail.setHeader("X-Priority", "5 (Lowest)");
            mail.setHeader("Importance", "low");
        }
    }

    private static void setIfPresent(OutboundMail mail, String name, String value) throws MessagingException {
        if (value != null && !value.isBlank()) {
            // header values are single lines; a CR or LF from the request must not start a new header
            mail.setHeader(name, value.replaceAll("[\\r\\n]+", " ").trim());
        }
    }

    /** One text part alone becomes a plain text mail; anything else a multipart/mixed. */
    private static void body(OutboundMail mail, Mm7Request r) throws MessagingException, IOException {
        List<MmsContentParts.Leaf> leaves = r.content() == null || r.content().entity() == null
                ? List.of() : MmsContentParts.leaves(r.content().entity());
        if (leaves.isEmpty()) {
            mail.setText("", StandardCharsets.UTF_8.name());
            return;
        }
        if (leaves.size() == 1 && leaves.get(0).isPlainText()) {
            mail.setText(leaves.get(0).text(), StandardCharsets.UTF_8.name());
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        // readable text first, then media in the MM's order, the SMIL presentation last
        List<MmsContentParts.Leaf> ordered = new ArrayList<>(leaves);
        ordered.sort(Comparator.comparingInt(leaf -> leaf.isPlainText() ? 0 : leaf.mediaType().equals("application/smil") ? 2 : 1));
        for (MmsContentParts.Leaf leaf : ordered) {
            MimeBodyPart part = new MimeBodyPart();
            if (leaf.isPlainText()) {
                part.setText(leaf.text(), StandardCharsets.UTF_8.name());
                part.setDisposition(Part.INLINE);
            } else {
                part.setDataHandler(new DataHandler(leaf.content()));
                part.setDisposition(Part.ATTACHMENT);
                part.setFileName(leaf.fileName());
                part.setHeader("Content-Transfer-Encoding", "base64");
            }
            mixed.addBodyPart(part);
        }
        mail.setContent(mixed);
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
