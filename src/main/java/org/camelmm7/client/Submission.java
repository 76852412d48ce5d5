package org.camelmm7.client;

import java.util.List;

import org.camelmm7.hooks.TrackedSubmission;
import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Request;

/** One SubmitReq to one MMSC, made from a mail: what is sent, and for whom (each recipient with the MM7 address it went as). */
public record Submission(Mm7Domain domain, Mm7Request request, Mm7HttpBody body, String gatewayId, String sender,
                         List<TrackedSubmission.Recipient> submitted, ReportMails.Original original) {

    /** The recipients' mail addresses. */
    public List<String> recipients() {
        return submitted.stream().map(TrackedSubmission.Recipient::mailAddress).toList();
    }
}
