package org.camelmm7.spool;

import java.io.IOException;

import jakarta.mail.MessagingException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;

/** Bounces and read notifications as spool entries, each named after its own gateway ID (its Message-ID's local part). */
public final class ReportMailSpooler {

    /** The report mail in the body becomes a spool entry: {@code CamelFileName} and its bytes in the pickup format. */
    public void toSpoolEntry(Exchange exchange) throws IOException, MessagingException {
        Message message = exchange.getMessage();
        OutboundMail mail = message.getBody(OutboundMail.class);
        String id = mail.getMessageID();
        message.setHeader(Exchange.FILE_NAME, id.substring(1, id.indexOf('@')) + ".eml");
        message.setBody(PickupFile.toBytes(mail));
    }
}
