package org.camelmm7.mm7;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The MM7 operations with their request and response element names and the REL-6-MM7-1-4 schema
 * order of the request's children. The codec reads and writes each request from this table.
 */
public enum Mm7Operation {

    SUBMIT("SubmitReq", "SubmitRsp", Direction.VASP_TO_RS,
            List.of("MM7Version", "SenderIdentification", "Recipients", "ServiceCode", "LinkedID", "MessageClass",
                    "TimeStamp", "ReplyCharging", "EarliestDeliveryTime", "ExpiryDate", "DeliveryReport", "ReadReply",
                    "Priority", "Subject", "ChargedParty", "ChargedPartyID", "DistributionIndicator", "DeliveryCondition",
                    "ApplicID", "ReplyApplicID", "AuxApplicInfo", "ContentClass", "DRMContent", "Content"),
            Set.of("Recipients")),
    DELIVER("DeliverReq", "DeliverRsp", Direction.RS_TO_VASP,
            List.of("MM7Version", "MMSRelayServerID", "VASPID", "VASID", "LinkedID", "Sender", "Recipients",
                    "Previouslysentby", "Previouslysentdateandtime", "SenderSPI", "RecipientSPI", "TimeStamp",
                    "ReplyChargingID", "Priority", "Subject", "ApplicID", "ReplyApplicID", "AuxApplicInfo",
                    "UACapabilities", "Content"),
            Set.of("Sender")),
    CANCEL("CancelReq", "CancelRsp", Direction.VASP_TO_RS,
            List.of("MM7Version", "SenderIdentification", "MessageID", "ApplicID", "ReplyApplicID", "AuxApplicInfo"),
            Set.of("MessageID")),
    REPLACE("ReplaceReq", "ReplaceRsp", Direction.VASP_TO_RS,
            List.of("MM7Version", "SenderIdentification", "MessageID", "ServiceCode", "TimeStamp", "ReadReply",
                    "EarliestDeliveryTime", "DistributionIndicator", "ContentClass", "DRMContent", "ApplicID",
                    "ReplyApplicID", "AuxApplicInfo", "Content"),
            Set.of("MessageID")),
    EXTENDED_CANCEL("extendedCancelReq", "extendedCancelRsp", Direction.VASP_TO_RS,
            List.of("MM7Version", "SenderIdentification", "CancelID"),
            Set.of("CancelID")),
    EXTENDED_REPLACE("extendedReplaceReq", "extendedReplaceRsp", Direction.VASP_TO_RS,
            List.of("MM7Version", "VASPID", "VASID", "ServiceCode", "ReplaceID", "TimeStamp", "EarliestDeliveryTime",
                    "ExpiryDate", "ReadReply", "DeliveryReport", "Content"),
            Set.of()),
    DELIVERY_REPORT("DeliveryReportReq", "DeliveryReportRsp", Direction.RS_TO_VASP,
            List.of("MM7Version", "MMSRelayServerID", "MessageID", "Recipient", "Sender", "Date", "MMStatus",
                    "MMStatusExtension", "StatusText", "ApplicID", "ReplyApplicID", "AuxApplicInfo", "UACapabilities"),
            Set.of("MessageID", "Recipient", "Sender", "MMStatus")),
    READ_REPLY("ReadReplyReq", "ReadReplyRsp", Direction.RS_TO_VASP,
            List.of("MM7Version", "MMSRelayServerID", "MessageID", "Recipient", "Sender", "TimeStamp", "MMStatus",
                    "StatusText", "ApplicID", "ReplyApplicID", "AuxApplicInfo"),
            Set.of("MessageID", "Recipient", "Sender", "MMStatus"));

    /** Who sends the request: the VASP (us, as a client) or the MMS Relay/Server (us, as the VASP endpoint). */
    public enum Direction {
        VASP_TO_RS, RS_TO_VASP
    }

    private final String requestElement;
    private final String responseElement;
    private final Direction direction;
    private final List<String> schemaOrder;
    private final List<String> mandatory;

    Mm7Operation(String requestElement, String responseElement, Direction direction, List<String> schemaOrder,
                 Set<String> mandatory) {
        this.requestElement = requestElement;
        this.responseElement = responseElement;
        this.direction = direction;
        this.schemaOrder = schemaOrder;
        // in the schema's order, then the others by name, so that a message naming them reads the same every time
        List<String> ordered = new ArrayList<>(schemaOrder.stream().filter(mandatory::contains).toList());
        mandatory.stream().filter(m -> !ordered.contains(m)).sorted().forEach(ordered::add);
        this.mandatory = List.copyOf(ordered);
    }

    public String requestElement() {
        return requestElement;
    }

    public String responseElement() {
        return responseElement;
    }

    public Direction direction() {
        return direction;
    }

    /** The request's child elements in schema order (MM7Version first). */
    public List<String> schemaOrder() {
        return schemaOrder;
    }

    /**
     * Elements a request must carry, in the schema's order and then by name; missing ones are
     * answered with 4004. MM7Version is tolerated.
     */
    public List<String> mandatory() {
        return mandatory;
    }

    /** By request element local name, ignoring case (peers vary the initial of the extended ones). */
    public static Mm7Operation ofRequestElement(String localName) {
        for (Mm7Operation op : values()) {
            if (op.requestElement.equalsIgnoreCase(localName)) {
                return op;
            }
        }
        return null;
    }
}
