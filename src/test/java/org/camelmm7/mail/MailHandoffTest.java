package org.camelmm7.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.camelmm7.support.Endpoints;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

class MailHandoffTest {

    private final MailHandoff handoff = new MailHandoff(new Endpoints.MailRelay("smtp", "relay.example.net", 25));

    @Test
    void relayRefusalsWith5xxArePermanent() throws Exception {
        var address = new InternetAddress("x@example.org");
        assertThat(handoff.isPermanent(new SMTPAddressFailedException(address, "RCPT TO", 550, "no such user"))).isTrue();
        assertThat(handoff.isPermanent(new SendFailedException("failed", new SMTPAddressFailedException(address, "RCPT TO", 553, "bad")))).isTrue();
        assertThat(handoff.isPermanent(new SMTPSendFailedException("DATA", 554, "rejected", null, null, null, null))).isTrue();
    }

    @Test
    void relayDownAnd4xxAreWorthRetrying() throws Exception {
        var address = new InternetAddress("x@example.org");
        assertThat(handoff.isPermanent(new MessagingException("connect", new ConnectException("Connection refused")))).isFalse();
        assertThat(handoff.isPermanent(new SMTPAddressFailedException(address, "RCPT TO", 451, "try later"))).isFalse();
        assertThat(handoff.isPermanent(new SMTPSendFailedException("DATA", 421, "busy", null, null, null, null))).isFalse();
    }
}
