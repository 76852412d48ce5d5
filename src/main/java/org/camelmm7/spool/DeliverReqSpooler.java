package org.camelmm7.spool;

import java.io.IOException;
import java.time.Instant;

import jakarta.mail.MessagingException;

import org.apache.camel.Exchange;
import org.camelmm7.email.DeliverReqToEmail;
import org.camelmm7.email.MailEnvelope;
import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;
import org.camelmm7.email.ReceivedRequest;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.StatusCode;

/**
 * Turns the accepted DeliverReq into the spool entry: the mail as a pickup file named after the
 * gateway message ID, so the delivery route needs nothing but the entry itself.
 */
public final class DeliverReqSpooler {


    private final DeliverReqToEmail converter;

    public DeliverReqSpooler(DeliverReqToEmail converter) {
        this.converter = converter;
    }

    public void toSpoolEntry(Exchange exchange) throws MessagingException {
        Mm7Request request = exchange.getProperty(Mm7Exchange.REQUEST, Mm7Request.class);
        String gatewayId = exchange.getProperty(Mm7Exchange.GATEWAY_ID, String.class);
        ReceivedRequest received = new ReceivedRequest(gatewayId, exchange.getProperty(Mm7Exchange.VASP_PATH, String.class),
                exchange.getProperty(Mm7Exchange.RECEIVED_AT, Instant.class), null);
        OutboundMail mail = converter.convert(request, received);
        exchange.setProperty(Mm7Exchange.MAIL_ENVELOPE, MailEnvelope.of(mail, gatewayId, request.transactionId()));
        try {
            // attachments are decoded while the entry is written (in memory): a failure here is the content's
            exchange.getMessage().setBody(PickupFile.toStream(mail));
        } catch (IOException | MessagingException e) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "content cannot be decoded: " + e.getMessage(), request.transaction(), e);
        }
        exchange.getMessage().setHeader(Exchange.FILE_NAME, gatewayId + ".eml");
        exchange.getMessage().setHeader(Mm7Exchange.GATEWAY_ID_HEADER, gatewayId);
    }
}
