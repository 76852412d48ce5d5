package org.camelmm7.hooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Content;
import org.camelmm7.mm7.Mm7Recipients;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.MimeEntity;

/**
 * What Momentum's {@code mm7_request_eval} may change before a request is converted, as lists and
 * values a hook changes in place: the recipients, the subject, the content's parts (each decoded;
 * replace, remove or add one) and header fields for the mail it becomes. What the hook leaves alone
 * stays as received, byte for byte.
 */
public final class Mm7RequestView {

    /** One part of the multimedia message, decoded from its transfer encoding. */
    public record ContentPart(String contentType, String contentId, String contentLocation, byte[] body) {

        static ContentPart of(MimeEntity leaf) {
            try {
                return new ContentPart(leaf.header("Content-Type"), leaf.header("Content-ID"), leaf.header("Content-Location"),
                        leaf.decodedBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Mm7Request original;
    private final MimeEntity.Limits limits;
    private final List<Mm7Address> to;
    private final List<Mm7Address> cc;
    private final List<Mm7Address> bcc;
    private String subject;
    private List<ContentPart> originalParts;
    private List<ContentPart> parts;
    private final Map<String, String> mailHeaders = new LinkedHashMap<>();

    public Mm7RequestView(Mm7Request original, MimeEntity.Limits limits) {
        this.original = original;
        this.limits = limits;
        this.to = new ArrayList<>(original.recipients().to());
        this.cc = new ArrayList<>(original.recipients().cc());
        this.bcc = new ArrayList<>(original.recipients().bcc());
        this.subject = original.subject();
    }

    /** The request as received. */
    public Mm7Request original() {
        return original;
    }

    public List<Mm7Address> to() {
        return to;
    }

    public List<Mm7Address> cc() {
        return cc;
    }

    public List<Mm7Address> bcc() {
        return bcc;
    }

    public String subject() {
        return subject;
    }

    public void subject(String subject) {
        this.subject = subject;
    }

    /** The content's leaf parts, decoded (read when first asked for); empty when the request has no content. */
    public List<ContentPart> parts() {
        if (parts == null) {
            MimeEntity entity = original.content() == null ? null : original.content().entity();
            originalParts = entity == null ? List.of() : entity.leaves().stream().map(ContentPart::of).toList();
            parts = new ArrayList<>(originalParts);
        }
        return parts;
    }

    /** Header fields the mail the request becomes carries besides its own (a DeliverReq's), e.g. {@code X-Campaign}. */
    public Map<String, String> mailHeaders() {
        return mailHeaders;
    }

    /** The request with the hook's changes; the original itself when there are none. */
    public Mm7Request changed() {
        boolean recipientsChanged = !to.equals(original.recipients().to()) || !cc.equals(original.recipients().cc())
                || !bcc.equals(original.recipients().bcc());
        boolean subjectChanged = subject == null ? original.subject() != null : !subject.equals(original.subject());
        boolean partsChanged = parts != null && !parts.equals(originalParts);
        if (!recipientsChanged && !subjectChanged && !partsChanged) {
            return original;
        }
        Map<String, String> fields = new LinkedHashMap<>(original.fields());
        if (subject == null) {
            fields.remove("Subject");
        } else {
            fields.put("Subject", subject);
        }
        return new Mm7Request(original.operation(), original.transaction(), fields, original.senderIdentification(),
                new Mm7Recipients(to, cc, bcc), original.sender(), original.recipient(), original.replyCharging(),
                original.deliveryConditions(), partsChanged ? content() : original.content());
    }

    /** The parts as a multipart of the original's subtype, each base64-encoded. */
    private Mm7Content content() {
        String boundary = "mm7-request-eval-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ContentPart part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
            head.append("Content-Type: ").append(part.contentType() == null ? "application/octet-stream" : part.contentType()).append("\r\n");
            if (part.contentId() != null) {
                head.append("Content-ID: ").append(part.contentId()).append("\r\n");
            }
            if (part.contentLocation() != null) {
                head.append("Content-Location: ").append(part.contentLocation()).append("\r\n");
            }
            head.append("Content-Transfer-Encoding: base64\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(Base64.getMimeEncoder().encode(part.body()));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        MimeEntity before = original.content() == null ? null : original.content().entity();
        String subtype = before != null && before.contentType().value().startsWith("multipart/") ? before.contentType().value() : "multipart/mixed";
        MimeEntity entity = MimeEntity.body(out.toByteArray(), subtype + "; boundary=\"" + boundary + "\"", limits);
        return new Mm7Content(original.content() == null ? null : original.content().href(),
                original.content() == null ? null : original.content().allowAdaptations(), entity);
    }
}
