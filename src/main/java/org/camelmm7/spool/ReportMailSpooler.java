package org.camelmm7.spool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.camel.Exchange;
import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;
import org.camelmm7.exchange.Mm7Exchange;

/** Bounces and read notifications as spool entries, each named after its own gateway ID (its Message-ID's local part). */
public final class ReportMailSpooler {

    /** A spool entry: its file name and its bytes in the pickup format. */
    public record SpoolEntry(String fileName, byte[] bytes) {
    }

    /** The report mails of the exchange, which are then spooled, so they are not spooled twice. */
    public List<SpoolEntry> entries(Exchange exchange) throws IOException, MessagingException {
        @SuppressWarnings("unchecked")
        List<OutboundMail> mails = exchange.getProperty(Mm7Exchange.REPORT_MAILS, List.class);
        exchange.removeProperty(Mm7Exchange.REPORT_MAILS);
        List<SpoolEntry> entries = new ArrayList<>();
        if (mails != null) {
            for (OutboundMail mail : mails) {
                String id = mail.getMessageID();
                entries.add(new SpoolEntry(id.substring(1, id.indexOf('@')) + ".eml", PickupFile.toBytes(mail)));
            }
        }
        return entries;
    }
}
