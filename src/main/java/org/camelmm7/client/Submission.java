package org.camelmm7.client;

import java.util.List;

import org.camelmm7.hooks.TrackedSubmission;
import org.camelmm7.mm7.Mm7Request;

/**
 * One SubmitReq to one MMSC, made from a mail: what is sent (the MM7 data format writes it as it goes
 * on the wire), and for whom (each recipient with the MM7 address it went as).
 *
 * @param sender        the mail's sender
 * @param sourceAddress what the logs write as its source ({@code %sa}): Momentum's MM7_Source_Address, else MM7_Sender_Address
 */
public record Submission(Mm7Domain domain, Mm7Request request, String gatewayId, String sender, String sourceAddress,
                         List<TrackedSubmission.Recipient> submitted, ReportMails.Original original) {

    /** The recipients' mail addresses. */
    public List<String> recipients() {
        return submitted.stream().map(TrackedSubmission.Recipient::mailAddress).toList();
    }
}
