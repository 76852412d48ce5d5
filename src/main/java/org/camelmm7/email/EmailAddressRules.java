package org.camelmm7.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.support.Settings;

/**
 * How MM7 addresses become e-mail addresses, after Momentum's {@code mm7_server_default_email_*}
 * options: an RFC2822Address is used as it is (display name kept); a Number or ShortCode becomes
 * {@code <value>@<domain>} when the domain option is set, else the default address with the
 * number as display name.
 */
public final class EmailAddressRules {

    private final String fromAddress;
    private final String fromDomain;
    private final String toAddress;
    private final String toDomain;

    /** The rules of {@code mm7.server.default-email-*}. */
    public static EmailAddressRules from(Settings settings) {
        return new EmailAddressRules(settings.optional("mm7.server.default-email-from-address"), settings.optional("mm7.server.default-email-from-domain"),
                settings.optional("mm7.server.default-email-to-address"), settings.optional("mm7.server.default-email-to-domain"));
    }

    public EmailAddressRules(String fromAddress, String fromDomain, String toAddress, String toDomain) {
        this.fromAddress = blankToNull(fromAddress);
        this.fromDomain = blankToNull(fromDomain);
        this.toAddress = blankToNull(toAddress);
        this.toDomain = blankToNull(toDomain);
        if (this.fromAddress == null && this.fromDomain == null) {
            throw new IllegalArgumentException("set mm7.server.default-email-from-address or mm7.server.default-email-from-domain:"
                    + " MM7 senders that are numbers or short codes need one of them");
        }
        if (this.toAddress == null && this.toDomain == null) {
            throw new IllegalArgumentException("set mm7.server.default-email-to-address or mm7.server.default-email-to-domain:"
                    + " MM7 recipients that are numbers or short codes need one of them");
        }
        validate("mm7.server.default-email-from-address", this.fromAddress);
        validate("mm7.server.default-email-to-address", this.toAddress);
    }

    /** The From of the mail for the MM7 sender. */
    public InternetAddress from(Mm7Address sender) throws AddressException {
        return convert(sender, fromAddress, fromDomain);
    }

    /** The mail address of an MM7 recipient. */
    public InternetAddress to(Mm7Address recipient) throws AddressException {
        return convert(recipient, toAddress, toDomain);
    }

    /** Where mail goes when the MM7 request names no recipient; null when no default address is set. */
    public InternetAddress defaultRecipient() throws AddressException {
        return toAddress == null ? null : new InternetAddress(toAddress, true);
    }

    private static InternetAddress convert(Mm7Address a, String defaultAddress, String domain) throws AddressException {
        if (a.type() == Mm7Address.Type.RFC2822) {
            InternetAddress parsed = new InternetAddress(a.value().trim(), false);
            parsed.validate();
            return parsed;
        }
        String number = localPart(a.value());
        if (domain != null) {
            return new InternetAddress(number + "@" + domain, true);
        }
        InternetAddress address = new InternetAddress(defaultAddress, true);
        try {
            address.setPersonal(number, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
        return address;
    }

    /** {@code +49 170-123/TYPE=PLMN} → {@code +49170123}: what is left must be a valid local part. */
    static String localPart(String value) {
        String v = value.trim();
        int slash = v.indexOf('/');
        if (slash > 0) {
            v = v.substring(0, slash);
        }
        return v.replaceAll("[\\s\\-().]", "");
    }

    private static void validate(String key, String address) {
        if (address == null) {
            return;
        }
        try {
            new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(key + " '" + address + "' is not an e-mail address: " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
