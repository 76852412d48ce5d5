package org.camelmm7.client;

import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.camelmm7.mm7.Samples;

/** Mails a sender's mail client would produce, for the client tests. */
public final class TestMails {

    public static final Session SESSION = Session.getInstance(new Properties());

    private TestMails() {
    }

    /** A text part in {@code charset} followed by the sample GIF as an attachment named pixel.gif. */
    public static MimeMultipart textAndPhoto(String text, String charset) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, charset);
        MimeBodyPart photo = new MimeBodyPart();
        photo.setDataHandler(new DataHandler(new ByteArrayDataSource(Samples.resource("pixel.gif"), "image/gif")));
        photo.setFileName("pixel.gif");
        mixed.addBodyPart(textPart);
        mixed.addBodyPart(photo);
        return mixed;
    }
}
