package org.camelmm7.client;

import java.util.Locale;

import org.camelmm7.hooks.TrackedSubmission;
import org.camelmm7.mm7.Mm7Address;

/**
 * Which recipient of a submission a DeliveryReportReq or ReadReplyReq is about. MMSCs fill these
 * reports differently: most name the handset in {@code Recipient}, some (Mbuni) name the VASP's
 * own short code there and the handset in {@code Sender}. So the report's addresses are compared,
 * normalised, with the MM7 addresses the submission was sent to, exactly: {@code Recipient} first,
 * {@code Sender} when {@code Recipient} is the VASP's own sender address or matches no recipient.
 */
final class ReportedRecipient {

    private ReportedRecipient() {
    }

    /** The mail address of the recipient reported on; the report's own value when it names none of them. */
    static String mailAddressOf(TrackedSubmission submission, Mm7Address reportRecipient, Mm7Address reportSender) {
        String recipient = matching(submission, reportRecipient);
        String sender = matching(submission, reportSender);
        boolean recipientIsUs = reportRecipient != null && submission.vaspSender() != null
                && normalised(reportRecipient.value()).equals(normalised(submission.vaspSender()));
        if ((reportRecipient == null || recipientIsUs) && sender != null) {
            return sender;
        }
        if (recipient != null) {
            return recipient;
        }
        if (sender != null) {
            return sender;
        }
        if (submission.recipients().size() == 1) {
            return submission.recipients().get(0).mailAddress();
        }
        return reportRecipient != null ? reportRecipient.value() : reportSender == null ? "" : reportSender.value();
    }

    private static String matching(TrackedSubmission submission, Mm7Address reported) {
        if (reported == null || reported.value() == null || reported.value().isBlank()) {
            return null;
        }
        String wanted = normalised(reported.value());
        for (TrackedSubmission.Recipient r : submission.recipients()) {
            String submitted = r.mm7Address() != null ? r.mm7Address() : localPart(r.mailAddress());
            if (normalised(submitted).equals(wanted) || r.mailAddress().equalsIgnoreCase(reported.value().trim())) {
                return r.mailAddress();
            }
        }
        return null;
    }

    /**
     * An address compared as the handset or mailbox it names: {@code /TYPE=PLMN} and display names
     * dropped, mail addresses in lower case, numbers as their digits without the international
     * prefix ({@code +4512347007}, {@code 004512347007} and {@code 4512347007} are one number;
     * {@code 7007} is another).
     */
    static String normalised(String address) {
        String a = address.trim();
        int type = a.toUpperCase(Locale.ROOT).indexOf("/TYPE=");
        if (type >= 0) {
            a = a.substring(0, type);
        }
        if (a.indexOf('@') >= 0) {
            int open = a.lastIndexOf('<');
            int close = a.lastIndexOf('>');
            return (open >= 0 && close > open ? a.substring(open + 1, close) : a).trim().toLowerCase(Locale.ROOT);
        }
        String digits = a.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? a.toLowerCase(Locale.ROOT) : digits.replaceFirst("^0+", "");
    }

    private static String localPart(String mail) {
        int at = mail.lastIndexOf('@');
        return at < 0 ? mail : mail.substring(0, at);
    }
}
