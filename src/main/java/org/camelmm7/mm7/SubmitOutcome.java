package org.camelmm7.mm7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.camelmm7.mm7.HeaderValue;
import org.camelmm7.mm7.Mm7Answer;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7ResponseParser;
import org.camelmm7.mm7.Mm7Status;

/**
 * How a SubmitReq ended, decided from the MMSC's answer (Momentum leaves the mapping open; docs/decisions.md):
 * 1000 and 1100 are delivered; 3000 and 4006 are temporary (retry); every other MM7 status (2xxx,
 * 3xxx, 4xxx) is permanent. An HTTP answer without a readable MM7 status is temporary (a retry only
 * delays mail, a bounce loses it) unless its status is one resending cannot cure, the domain's
 * {@code permanent-http-statuses}; no answer in time and no connection are temporary too. The
 * reason carries the MMSC's own words.
 *
 * @param httpStatus 0 when the outcome did not come from an HTTP answer
 */
public record SubmitOutcome(Kind kind, Mm7Status status, String messageId, String reason, int httpStatus) {

    /** Delivered to the MMSC, to retry later, or given up. */
    public enum Kind {
        DELIVERED, TEMPORARY, PERMANENT
    }

    private static final int MAX_TEXT = 300;

    /** An outcome decided by an extension point ({@code mm7HandleSubmitRsp}), not by an HTTP answer. */
    public SubmitOutcome(Kind kind, Mm7Status status, String messageId, String reason) {
        this(kind, status, messageId, reason, 0);
    }


    public static SubmitOutcome of(int httpStatus, String contentType, byte[] body, Mm7ResponseParser parser, Set<Integer> permanentHttpStatuses) {
        Mm7Answer answer;
        try {
            answer = parser.parse(contentType, body);
        } catch (Mm7Exception unreadable) {
            boolean permanent = permanentHttpStatuses.contains(httpStatus);
            return new SubmitOutcome(permanent ? Kind.PERMANENT : Kind.TEMPORARY, null, null,
                    "HTTP " + httpStatus + " without an MM7 status" + mmscText(contentType, body, unreadable), httpStatus);
        }
        int code = answer.status().code();
        String reason = code + " " + answer.status().text() + (answer.status().details() == null ? "" : ": " + answer.status().details());
        if (code == 1000 || code == 1100) {
            return new SubmitOutcome(Kind.DELIVERED, answer.status(), answer.messageId(), reason, httpStatus);
        }
        if (code == 3000 || code == 4006) {
            return new SubmitOutcome(Kind.TEMPORARY, answer.status(), null, reason, httpStatus);
        }
        return new SubmitOutcome(Kind.PERMANENT, answer.status(), null, reason, httpStatus);
    }

    /** No connection, or no answer within the response timer. */
    public static SubmitOutcome ofTransportFailure(Exception e) {
        return new SubmitOutcome(Kind.TEMPORARY, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
    }

    /** The MMSC refused our credentials: only a configuration change cures it, but that heals retried mail. */
    public boolean credentialsRefused() {
        return status == null && (httpStatus == 401 || httpStatus == 403);
    }

    /** What the MMSC said, as one short line: its text (tags dropped), else why its answer could not be read. */
    private static String mmscText(String contentType, byte[] body, Mm7Exception unreadable) {
        String text = body == null ? "" : new String(body, charsetOf(contentType)).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            return " (" + unreadable.getMessage() + ")";
        }
        return ": " + (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text);
    }

    private static Charset charsetOf(String contentType) {
        String charset = contentType == null ? null : HeaderValue.parse(contentType).parameter("charset");
        try {
            return charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
