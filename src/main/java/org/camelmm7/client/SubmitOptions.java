package org.camelmm7.client;

import org.camelmm7.mm7.Mm7Address;

/**
 * What a SubmitReq carries besides recipients and content, after Momentum's client options (each
 * overridable per message later by the pre-submit extension point, as Momentum's context variables
 * are): {@code mm7_vaspid}, {@code mm7_vasid}, {@code mm7_sender_address}, {@code mm7_service_code},
 * {@code mm7_message_class}, {@code mm7_delivery_report}, {@code mm7_read_reply},
 * {@code mm7_reply_charging}, {@code mm7_reply_charging_size}, {@code mm7_reply_deadline},
 * {@code mm7_soap_attachment_simple_mime}, {@code mm7_number_prefix} and {@code mm7_request_ie_extended}
 * (raw XML elements, written just before {@code Content}).
 */
public record SubmitOptions(
        String vaspId,
        String vasId,
        Mm7Address senderAddress,
        String serviceCode,
        String messageClass,
        boolean deliveryReport,
        boolean readReply,
        boolean replyCharging,
        Integer replyChargingSize,
        String replyDeadline,
        boolean simpleMime,
        String numberPrefix,
        String requestIeExtended) {
}
