package org.camelmm7.spool;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.camelmm7.email.DeliverReqToEmail;
import org.camelmm7.email.MailExchange;
import org.camelmm7.email.PickupMail;
import org.camelmm7.email.ReceivedRequest;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.mm7.Mm7Request;

/**
 * Turns the accepted DeliverReq into the spool entry: the mail as a pickup file named after the
 * gateway message ID, so the delivery route needs nothing but the entry itself.
 */
public final class DeliverReqSpooler {

    private final DeliverReqToEmail converter;

    public DeliverReqSpooler(DeliverReqToEmail converter) {
        this.converter = converter;
    }

    public void toSpoolEntry(Exchange exchange) {
        Mm7Request request = Mm7Exchange.REQUEST.get(exchange);
        String gatewayId = Mm7Exchange.GATEWAY_ID.get(exchange);
        @SuppressWarnings("unchecked")
        Map<String, String> addedHeaders = Mm7Exchange.MAIL_HEADERS.get(exchange);
        ReceivedRequest received = new ReceivedRequest(gatewayId, Mm7Exchange.VASP_PATH.get(exchange),
                Mm7Exchange.RECEIVED_AT.get(exchange), null, addedHeaders);
        // content that cannot be decoded fails here, before anything is written, as a 4004
        PickupMail mail;
        try {
            mail = converter.convert(request, received);
        } catch (UncheckedIOException diskFailure) {
            throw new SpoolUnavailableException("mail not written: " + diskFailure.getMessage(), diskFailure);
        }
        if (mail.spilled()) {
            // by then it is in the spool (journal and store), or was not accepted
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    mail.release();
                }
            });
        }
        MailExchange.MAIL_ENVELOPE.set(exchange, mail.envelope());
        exchange.getMessage().setBody(mail);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, gatewayId + ".eml");
        exchange.getMessage().setHeader(Mm7Exchange.GATEWAY_ID_HEADER, gatewayId);
    }
}
