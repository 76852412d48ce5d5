package org.camelmm7.client;

import java.util.Locale;

import jakarta.mail.internet.InternetAddress;

import org.camelmm7.mm7.Mm7Address;

/**
 * Mail recipients of an MM7 domain as MM7 addresses, as Momentum maps them: with the domain
 * {@code mms.example.com}, {@code 15551234567@mms.example.com} is the handset
 * {@code <Number>15551234567</Number>} (with {@code mm7_number_prefix} in front), a local part of
 * up to six digits a {@code <ShortCode>}, and {@code alice=example.org@mms.example.com} the e-mail
 * recipient {@code <RFC2822Address>alice@example.org</RFC2822Address>}. Anything else, and any
 * other domain, has no MM7 address (null): the client refuses it with a bounce.
 */
public final class RecipientMapping {

    private final String domain;
    private final String numberPrefix;

    public RecipientMapping(String domain, String numberPrefix) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.numberPrefix = numberPrefix == null ? "" : numberPrefix;
    }

    public Mm7Address toMm7(InternetAddress recipient) {
        String address = recipient.getAddress();
        int at = address.lastIndexOf('@');
        if (at <= 0 || !address.substring(at + 1).equalsIgnoreCase(domain)) {
            return null;
        }
        String local = address.substring(0, at);
        String digits = local.startsWith("+") ? local.substring(1) : local;
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
            if (!local.startsWith("+") && digits.length() <= 6) {
                return Mm7Address.shortCode(digits);
            }
            return Mm7Address.number(local.startsWith(numberPrefix) ? local : numberPrefix + local);
        }
        int eq = local.lastIndexOf('=');
        if (eq > 0 && eq < local.length() - 1 && local.indexOf('@') < 0) {
            return Mm7Address.rfc2822(local.substring(0, eq) + "@" + local.substring(eq + 1));
        }
        return null;
    }

    public String domain() {
        return domain;
    }
}
