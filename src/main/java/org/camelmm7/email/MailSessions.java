package org.camelmm7.email;

import java.util.Properties;

import jakarta.mail.Session;

/** The one plain Jakarta Mail session used to build and parse messages; sending uses the mail endpoint's. */
public final class MailSessions {

    public static final Session PLAIN = Session.getInstance(new Properties());

    private MailSessions() {
    }
}
