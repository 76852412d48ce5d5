package org.camelmm7.hooks;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway remembers of a SubmitReq the MMSC accepted, and what a delivery report is
 * matched against: the MMSC's MessageID, the gateway message ID, the mail's sender, each recipient
 * with the MM7 address it was submitted as, the address the SubmitReq came from, the mail's
 * Subject and Message-ID, and when it was submitted.
 */
public record TrackedSubmission(String mmscMessageId, String gatewayId, String sender, List<Recipient> recipients, String vaspSender,
                                String subject, String originalMessageId, Instant submittedAt) {

    /** A recipient as the mail named it and as the SubmitReq carried it (null for submissions tracked before that was kept). */
    public record Recipient(String mailAddress, String mm7Address) {
    }

    public TrackedSubmission {
        recipients = List.copyOf(recipients);
    }

    /** The recipients' mail addresses, comma-separated, as the logs show them. */
    public String recipientList() {
        return String.join(",", recipients.stream().map(Recipient::mailAddress).toList());
    }
}
