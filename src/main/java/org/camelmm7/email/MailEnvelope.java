package org.camelmm7.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the logs need of a spooled mail, read from the head of its pickup file only: envelope,
 * gateway message ID, TransactionID and Message-ID.
 */
public record MailEnvelope(String sender, List<String> recipients, String gatewayId, String transactionId, String messageId, Long size) {

    public MailEnvelope withSize(long bytes) {
        return new MailEnvelope(sender, recipients, gatewayId, transactionId, messageId, bytes);
    }

    /** Reads header lines up to the first empty line; the body is not read. */
    public static MailEnvelope readHead(InputStream in, Long size) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String sender = null;
        String gatewayId = null;
        String transactionId = null;
        String messageId = null;
        List<String> recipients = new ArrayList<>();
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (name.toLowerCase()) {
                case "x-sender" -> sender = value;
                case "x-receiver" -> recipients.add(value);
                case "x-mm7-gateway-id" -> gatewayId = value;
                case "x-mm7-transactionid" -> transactionId = value;
                case "message-id" -> messageId = value;
                default -> { }
            }
        }
        return new MailEnvelope(sender, List.copyOf(recipients), gatewayId, transactionId, messageId, size);
    }

    /** The distinct domains of the recipients, comma-separated. */
    public String recipientDomains() {
        Set<String> domains = new LinkedHashSet<>();
        for (String r : recipients) {
            int at = r.lastIndexOf('@');
            if (at > 0) {
                domains.add(r.substring(at + 1).toLowerCase());
            }
        }
        return domains.isEmpty() ? null : String.join(",", domains);
    }
}
