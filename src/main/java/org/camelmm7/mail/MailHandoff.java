package org.camelmm7.mail;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.ParseException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.camelmm7.email.MailEnvelope;
import org.camelmm7.email.MailExchange;
import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;
import org.camelmm7.email.PickupMail;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.support.Endpoints;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The delivery leg's decisions: a spool entry as the message a mail endpoint sends (envelope from
 * the pickup lines), which failures are permanent (a 5xx from the relay, an entry that cannot be
 * read) and which are worth retrying (relay down, 4xx), and the record kept of a failed entry.
 */
public final class MailHandoff {

    public static final String FAILURE_HEADER = "X-MM7-Delivery-Failure";

    private final Endpoints.MailRelay relay;

    /** @param relay what {@code mm7.mail.uri} is: its scheme and host name the mail leg in the logs */
    public MailHandoff(Endpoints.MailRelay relay) {
        this.relay = relay;
    }

    /** Whether the mail endpoint sends mail (smtp, smtps) rather than storing the entry (a directory). */
    public boolean sendsMail() {
        return relay.host() != null;
    }

    /**
     * Reads the envelope and IDs from the head of the spool entry for the logs, without reading the
     * body. An entry that is gone was delivered by another delivery thread: the directory listing
     * that named it is older than that delivery, and the exchange ends here.
     */
    public void readEnvelope(Exchange exchange) throws IOException {
        nameEntry(exchange.getMessage());
        Object body = exchange.getMessage().getBody();
        MailExchange.SPOOLED_ENTRY.set(exchange, body);
        if (body instanceof PickupMail handedOver) {
            // handed over in memory: its envelope is known, size and all
            MailExchange.MAIL_ENVELOPE.set(exchange, handedOver.envelope());
        } else {
            Long size = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
            if (size == null && body instanceof byte[] bytes) {
                size = (long) bytes.length; // an entry from a broker
            }
            String file = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
            try (InputStream in = file != null ? Files.newInputStream(Path.of(file)) : exchange.getMessage().getBody(InputStream.class)) {
                MailExchange.MAIL_ENVELOPE.set(exchange, MailEnvelope.readHead(in, size));
            } catch (NoSuchFileException deliveredMeanwhile) {
                exchange.setRouteStop(true);
                return;
            }
        }
        Mm7Exchange.MAIL_SCHEME.set(exchange, relay.scheme());
        Mm7Exchange.MAIL_HOST.set(exchange, relay.host());
    }

    /**
     * An entry from a broker gets its name back (it names the outbox file and the log lines, as
     * from a directory). Every entry loses the headers that belong to no mail (JMS properties, the
     * HTTP request's for mail handed over in memory): the mail endpoint would write them into it.
     */
    private static void nameEntry(Message message) {
        String entry = message.getHeader(Mm7Exchange.SPOOL_ENTRY_HEADER, String.class);
        if (entry != null && message.getHeader(Exchange.FILE_NAME) == null) {
            message.setHeader(Exchange.FILE_NAME, entry);
            message.setHeader(Exchange.FILE_NAME_ONLY, entry);
        }
        message.removeHeaders("*", "Camel*", Mm7Exchange.SPOOL_ENTRY_HEADER, Mm7Exchange.GATEWAY_ID_HEADER);
    }

    /** The entry as the message to relay; a retry finds it converted already. */
    public OutboundMail toMimeMessage(Exchange exchange) throws MessagingException, NoTypeConversionAvailableException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof OutboundMail converted) {
            return converted;
        }
        if (body instanceof PickupMail inMemory) {
            return PickupFile.read(inMemory.bytes());
        }
        return PickupFile.read(exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body));
    }

    public boolean isPermanent(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode() >= 500;
            }
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() >= 500;
            }
            if (t instanceof SendFailedException sf && sf.getNextException() instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() >= 500;
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException) {
                return false;
            }
        }
        // a spool entry that cannot be parsed will not parse better later
        return e instanceof ParseException;
    }

    /** The entry prefixed with a header line saying why it failed; remove that line and put the file back to retry. */
    public void recordFailure(Exchange exchange) throws IOException, NoTypeConversionAvailableException {
        nameEntry(exchange.getMessage());
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown" : (cause.getClass().getSimpleName() + ": " + cause.getMessage());
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != null && root != cause) {
            reason += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        reason = reason.replaceAll("[\\r\\n]+", " ");
        // the entry as spooled, not the message made of it for the relay
        Object spooled = MailExchange.SPOOLED_ENTRY.get(exchange, exchange.getMessage().getBody());
        byte[] entry = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, spooled);
        byte[] line = (FAILURE_HEADER + ": " + reason + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] failed = new byte[line.length + entry.length];
        System.arraycopy(line, 0, failed, 0, line.length);
        System.arraycopy(entry, 0, failed, line.length, entry.length);
        exchange.getMessage().setBody(failed);
        exchange.getMessage().setHeader(Mm7Exchange.FAILURE_REASON_HEADER, reason);
        // its name travels with it to a broker's set-aside queue, for a requeue
        exchange.getMessage().setHeader(Mm7Exchange.SPOOL_ENTRY_HEADER, exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY));
    }
}
