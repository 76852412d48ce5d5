package org.camelmm7.mm7;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;


/**
 * Reads an MM7 HTTP request body (SOAP 1.1, plain or with attachments) into an {@link Mm7Request}.
 * A tolerant reader: it accepts the deviations real peers send (docs/mm7.md) and rejects
 * only what cannot be understood, with the MM7 status to answer. The body is read in place: MIME
 * parts, the MM content included, share the given byte array.
 */
public final class Mm7RequestParser {

    private static final Set<String> BOOLEANS = Set.of("DeliveryReport", "ReadReply", "DistributionIndicator", "DRMContent");
    /** Misspellings seen from instantcom-mm7, mapped to the schema names. */
    private static final Map<String, String> ALIASES = Map.of(
            "EarlistDeliveryTime", "EarliestDeliveryTime",
            "AuxApplicId", "AuxApplicInfo",
            "Unrecognized", "Unrecognised");

    private final MimeEntity.Limits limits;

    public Mm7RequestParser() {
        this(MimeEntity.Limits.DEFAULT);
    }

    public Mm7RequestParser(MimeEntity.Limits limits) {
        this.limits = limits;
    }

    public Mm7Request parse(String contentType, byte[] body) {
        SoapMessage message = SoapMessage.read(contentType, body, limits);
        XmlElement opElement = message.bodyElement();
        Mm7Transaction tx = new Mm7Transaction(null, message.transactionId(), null);
        if (opElement == null) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "SOAP Body holds no MM7 request", tx);
        }
        XmlElement versionElement = opElement.firstChild("MM7Version");
        String version = versionElement == null ? null : versionElement.text().trim();
        tx = new Mm7Transaction(opElement.namespaceUri(), message.transactionId(), version);

        String opName = opElement.localName();
        Mm7Operation operation = Mm7Operation.ofRequestElement(opName);
        if (operation == null) {
            throw new Mm7Exception(StatusCode.UNSUPPORTED_OPERATION, "unknown MM7 operation " + opName, tx);
        }
        int major = Mm7Namespaces.majorVersion(version);
        if (version != null && major != 5 && major != 6) {
            throw new Mm7Exception(StatusCode.UNSUPPORTED_VERSION, "MM7Version " + version + " is not supported (5.x.x and 6.x.x are)", tx);
        }

        Mm7Request.Builder request = Mm7Request.builder(operation).transaction(tx);
        readChildren(opElement, operation, request, tx);
        XmlElement content = opElement.firstChild("Content");
        request.content(content(content, message.parts(), message.soapPart()));
        Mm7Request parsed = request.build();
        checkMandatory(parsed, tx);
        return parsed;
    }

    private static void readChildren(XmlElement opElement, Mm7Operation operation, Mm7Request.Builder request, Mm7Transaction tx) {
        Integer replyChargingSize = null;
        String replyDeadline = null;
        boolean replyCharging = false;
        for (XmlElement e : opElement.children()) {
            String name = ALIASES.getOrDefault(e.localName(), e.localName());
            String text = e.text().trim();
            switch (name) {
                case "MM7Version", "Content" -> { }
                case "SenderIdentification" -> {
                    SenderIdentification id = senderIdentification(e);
                    request.senderIdentification(id);
                    if (operation == Mm7Operation.DELIVER) {
                        // some MMSCs put SenderIdentification inside DeliverReq
                        request.field("VASPID", id.vaspId()).field("VASID", id.vasId());
                        if (id.senderAddress() != null && opElement.firstChild("Sender") == null) {
                            request.sender(id.senderAddress());
                        }
                    }
                }
                case "Recipients" -> request.recipients(recipients(e));
                case "Sender" -> request.sender(address(e));
                case "Recipient" -> request.recipient(address(e));
                case "ReplyCharging" -> {
                    replyCharging = !text.equalsIgnoreCase("false");
                    replyChargingSize = integer(e.attribute("replyChargingSize"), "replyChargingSize", tx);
                    replyDeadline = e.attribute("replyDeadline");
                }
                case "ReplyChargingSize" -> {
                    replyCharging = true;
                    replyChargingSize = integer(text, name, tx);
                }
                case "ReplyDeadline" -> {
                    replyCharging = true;
                    replyDeadline = text;
                }
                case "DeliveryCondition" -> request.deliveryConditions(deliveryConditions(e, tx));
                case "UACapabilities" -> request
                        .field("UACapabilities@UAProf", e.attribute("UAProf"))
                        .field("UACapabilities@TimeStamp", e.attribute("TimeStamp"));
                case "MMStatus" -> request.field(name, mmStatus(operation, text, tx));
                default -> request.field(name, BOOLEANS.contains(name) ? bool(name, text, tx) : text);
            }
        }
        if (replyCharging) {
            request.replyCharging(new ReplyCharging(replyChargingSize, replyDeadline));
        }
    }

    /** Every missing mandatory element is named, so the peer fixes them in one go. */
    private static void checkMandatory(Mm7Request r, Mm7Transaction tx) {
        List<String> missing = new ArrayList<>();
        for (String name : r.operation().mandatory()) {
            boolean present = switch (name) {
                case "Recipients" -> !r.recipients().isEmpty();
                case "Sender" -> r.sender() != null;
                case "Recipient" -> r.recipient() != null;
                default -> r.field(name) != null && !r.field(name).isEmpty();
            };
            if (!present) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "missing mandatory element" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " in " + r.operation().requestElement(), tx);
        }
    }

    /** The part named by href (Content-ID, then Content-Location); else the first part that is not the envelope. */
    private static Mm7Content content(XmlElement contentElement, List<MimeEntity> parts, MimeEntity soapPart) {
        String href = contentElement == null ? null : contentElement.attribute("href");
        String adaptations = contentElement == null ? null : contentElement.attribute("allowAdaptations");
        Boolean allowAdaptations = adaptations == null ? null : !adaptations.trim().equalsIgnoreCase("false") && !adaptations.trim().equals("0");
        MimeEntity found = null;
        if (href != null) {
            String id = HeaderValue.bareContentId(href);
            for (MimeEntity p : parts) {
                if (p != soapPart && id.equalsIgnoreCase(HeaderValue.bareContentId(p.header("Content-ID")))) {
                    found = p;
                    break;
                }
            }
            for (int i = 0; found == null && i < parts.size(); i++) {
                String location = parts.get(i).header("Content-Location");
                if (parts.get(i) != soapPart && location != null && (location.trim().equals(href.trim()) || location.trim().equals(id))) {
                    found = parts.get(i);
                }
            }
        }
        for (int i = 0; found == null && i < parts.size(); i++) {
            if (parts.get(i) != soapPart) {
                found = parts.get(i);
            }
        }
        return found == null && href == null ? null : new Mm7Content(href, allowAdaptations, found);
    }

    // --- element values -----------------------------------------------------------------------

    private static SenderIdentification senderIdentification(XmlElement e) {
        XmlElement vaspId = e.firstChild("VASPID");
        XmlElement vasId = e.firstChild("VASID");
        XmlElement address = e.firstChild("SenderAddress");
        return new SenderIdentification(vaspId == null ? null : vaspId.text().trim(),
                vasId == null ? null : vasId.text().trim(),
                address == null ? null : address(address));
    }

    private static Mm7Recipients recipients(XmlElement e) {
        List<Mm7Address> to = new ArrayList<>();
        List<Mm7Address> cc = new ArrayList<>();
        List<Mm7Address> bcc = new ArrayList<>();
        for (XmlElement list : e.children()) {
            List<Mm7Address> target = switch (list.localName().toLowerCase(Locale.ROOT)) {
                case "to" -> to;
                case "cc" -> cc;
                case "bcc" -> bcc;
                default -> null;
            };
            if (target != null) {
                target.addAll(addresses(list));
            }
        }
        return new Mm7Recipients(to, cc, bcc);
    }

    /** All typed addresses inside a To/Cc/Bcc element, or its bare text as one untyped address. */
    private static List<Mm7Address> addresses(XmlElement list) {
        List<Mm7Address> result = new ArrayList<>();
        for (XmlElement a : list.children()) {
            Mm7Address.Type type = Mm7Address.Type.ofElement(a.localName());
            String value = a.text().trim();
            if (type != null && !value.isEmpty()) {
                result.add(new Mm7Address(type, value, isTrue(a.attribute("displayOnly"))));
            }
        }
        String text = list.text().trim();
        if (result.isEmpty() && !text.isEmpty()) {
            Mm7Address untyped = Mm7Address.untyped(text);
            result.add(isTrue(list.attribute("displayOnly")) ? untyped.asDisplayOnly() : untyped);
        }
        return result;
    }

    private static Mm7Address address(XmlElement e) {
        List<Mm7Address> found = addresses(e);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Integer> deliveryConditions(XmlElement e, Mm7Transaction tx) {
        List<Integer> result = new ArrayList<>();
        for (XmlElement dc : e.children()) {
            result.add(integer(dc.text().trim(), "DC", tx));
        }
        return result;
    }

    private static String mmStatus(Mm7Operation op, String text, Mm7Transaction tx) {
        Set<String> allowed = op == Mm7Operation.READ_REPLY ? MmStatuses.READ : MmStatuses.DELIVERY;
        String canonical = ALIASES.getOrDefault(text, text);
        for (String s : allowed) {
            if (s.equalsIgnoreCase(canonical)) {
                return s;
            }
        }
        throw new Mm7Exception(StatusCode.MESSAGE_FORMAT_CORRUPT, "MMStatus '" + text + "' is not one of " + allowed, tx);
    }

    /** xs:boolean plus the {@code True}/{@code False} instantcom sends. */
    private static String bool(String name, String text, Mm7Transaction tx) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> {
                return "true";
            }
            case "false", "0" -> {
                return "false";
            }
            default -> throw new Mm7Exception(StatusCode.MESSAGE_FORMAT_CORRUPT, name + " '" + text + "' is not a boolean", tx);
        }
    }

    private static boolean isTrue(String text) {
        return text != null && (text.trim().equalsIgnoreCase("true") || text.trim().equals("1"));
    }

    private static Integer integer(String text, String name, Mm7Transaction tx) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new Mm7Exception(StatusCode.MESSAGE_FORMAT_CORRUPT, name + " '" + text + "' is not a number", tx);
        }
    }
}
