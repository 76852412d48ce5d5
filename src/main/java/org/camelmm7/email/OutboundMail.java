package org.camelmm7.email;

import java.io.InputStream;
import java.util.Arrays;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A mail with its SMTP envelope, which may differ from its headers: Bcc recipients are on the
 * envelope only, displayOnly addresses in the headers only. Camel's mail producer sends to
 * {@link #getAllRecipients()}, so the envelope is what it delivers to. The Message-ID given at
 * conversion is kept when the mail is saved again.
 */
public class OutboundMail extends SMTPMessage {

    private InternetAddress envelopeSender;
    private InternetAddress[] envelopeTo = new InternetAddress[0];

    public OutboundMail(Session session, InputStream in) throws MessagingException {
        super(session, in);
    }

    public InternetAddress getEnvelopeSender() {
        return envelopeSender;
    }

    /** MAIL FROM on SMTP, X-Sender in the pickup file; null is the empty reverse path {@code <>} of bounces. */
    public void setEnvelopeSender(InternetAddress sender) {
        this.envelopeSender = sender;
        setEnvelopeFrom(sender == null ? "<>" : sender.getAddress());
    }

    public InternetAddress[] getEnvelopeTo() {
        return envelopeTo.clone();
    }

    public void setEnvelopeTo(InternetAddress... envelopeTo) {
        this.envelopeTo = envelopeTo.clone();
    }

    @Override
    public Address[] getAllRecipients() {
        return Arrays.copyOf(envelopeTo, envelopeTo.length, Address[].class);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID", null) == null) {
            super.updateMessageID();
        }
    }
}
