package org.camelmm7.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.camelmm7.mm7.MimeEntity;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Content;
import org.camelmm7.mm7.Mm7Operation;
import org.camelmm7.mm7.Mm7Recipients;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7Transaction;
import org.camelmm7.mm7.ReplyCharging;
import org.camelmm7.mm7.SenderIdentification;

/**
 * Turns a mail for an MM7 domain into a SubmitReq: recipients of the domain by
 * {@link RecipientMapping} (the others are returned as refused), Subject decoded from RFC 2047,
 * the options of {@link SubmitOptions}, and the mail's text and attachments as the MM content:
 * one text/plain part alone when {@code simpleMime} allows it, else a multipart/mixed whose
 * attachments keep their bytes, named by Content-Location as handsets expect.
 */
public final class EmailToSubmitReq {

    /** The SubmitReq and the mail recipients it could not carry. */
    public record Conversion(Mm7Request request, List<InternetAddress> refused) {
    }

    private final RecipientMapping recipients;
    private final SubmitOptions options;
    private final String namespace;
    private final String version;

    public EmailToSubmitReq(RecipientMapping recipients, SubmitOptions options, String namespace, String version) {
        this.recipients = recipients;
        this.options = options;
        this.namespace = namespace;
        this.version = version;
    }

    /**
     * @param envelope the recipients to submit to (the SMTP envelope or, for a picked-up file, the
     *                 To/Cc/Bcc headers); those of the mail's To/Cc headers are placed as To/Cc
     */
    public Conversion convert(MimeMessage mail, List<InternetAddress> envelope, String transactionId, String contentId)
            throws MessagingException, IOException {
        List<Mm7Address> to = new ArrayList<>();
        List<Mm7Address> cc = new ArrayList<>();
        List<Mm7Address> bcc = new ArrayList<>();
        List<InternetAddress> refused = new ArrayList<>();
        List<String> shownTo = addresses(mail.getRecipients(Message.RecipientType.TO));
        List<String> shownCc = addresses(mail.getRecipients(Message.RecipientType.CC));
        for (InternetAddress recipient : envelope) {
            Mm7Address mm7 = recipients.toMm7(recipient);
            String key = recipient.getAddress().toLowerCase(Locale.ROOT);
            if (mm7 == null) {
                refused.add(recipient);
            } else if (shownTo.contains(key)) {
                to.add(mm7);
            } else if (shownCc.contains(key)) {
                cc.add(mm7);
            } else {
                bcc.add(mm7);
            }
        }
        Mm7Request.Builder b = Mm7Request.builder(Mm7Operation.SUBMIT)
                .transaction(new Mm7Transaction(namespace, transactionId, version))
                .senderIdentification(new SenderIdentification(options.vaspId(), options.vasId(), options.senderAddress()))
                .recipients(new Mm7Recipients(to, cc, bcc))
                .field("ServiceCode", options.serviceCode())
                .field("MessageClass", options.messageClass())
                .field("Subject", mail.getSubject());
        if (options.deliveryReport()) {
            b.field("DeliveryReport", "true");
        }
        if (options.readReply()) {
            b.field("ReadReply", "true");
        }
        if (options.replyCharging()) {
            b.replyCharging(new ReplyCharging(options.replyChargingSize(), options.replyDeadline()));
        }
        b.field(Mm7Request.EXTENSION_XML, options.requestIeExtended());
        b.content(new Mm7Content("cid:" + contentId, null, asEntity(content(mail, contentId))));
        return new Conversion(b.build(), refused);
    }

    /** The content part as the codec holds MIME: read once from the bytes Jakarta Mail writes. */
    private static MimeEntity asEntity(MimeBodyPart part) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);
        byte[] bytes = out.toByteArray();
        return MimeEntity.parse(bytes, 0, bytes.length, MimeEntity.Limits.DEFAULT);
    }

    private MimeBodyPart content(MimeMessage mail, String contentId) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        collect(mail, leaves);
        ContentEntity entity = new ContentEntity();
        if (leaves.size() == 1 && leaves.get(0).isMimeType("text/plain") && options.simpleMime()) {
            entity.setText(text(leaves.get(0)), StandardCharsets.UTF_8.name());
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            int n = 0;
            for (Part leaf : leaves) {
                n++;
                MimeBodyPart part = new MimeBodyPart();
                if (leaf.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(leaf.getDisposition())) {
                    part.setText(text(leaf), StandardCharsets.UTF_8.name());
                    part.setHeader("Content-Location", "text-" + n + ".txt");
                } else {
                    part.setDataHandler(leaf.getDataHandler());
                    part.setHeader("Content-Type", leaf.getContentType());
                    String name = leaf.getFileName() != null ? leaf.getFileName() : "part-" + n;
                    part.setHeader("Content-Location", name);
                    part.setHeader("Content-Transfer-Encoding", "base64");
                }
                part.setHeader("Content-ID", "<part" + n + "." + contentId + ">");
                mixed.addBodyPart(part);
            }
            entity.setContent(mixed);
        }
        entity.setHeader("Content-ID", "<" + contentId + ">");
        return entity.withHeadersUpdated();
    }

    /** Leaves in order; of a multipart/alternative only its plain text (or its first part). */
    private static void collect(Part part, List<Part> leaves) throws MessagingException, IOException {
        if (part.isMimeType("multipart/alternative")) {
            Multipart alternatives = (Multipart) part.getContent();
            Part chosen = alternatives.getBodyPart(0);
            for (int i = 0; i < alternatives.getCount(); i++) {
                if (alternatives.getBodyPart(i).isMimeType("text/plain")) {
                    chosen = alternatives.getBodyPart(i);
                }
            }
            collect(chosen, leaves);
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, leaves);
            }
        } else {
            leaves.add(part);
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String s ? s : new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A built MM entity: Content-Type and encodings are set when it is complete, as a message's save would. */
    private static final class ContentEntity extends MimeBodyPart {
        MimeBodyPart withHeadersUpdated() throws MessagingException {
            updateHeaders();
            return this;
        }
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> result = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia) {
                    result.add(ia.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        }
        return result;
    }
}
