package org.camelmm7.client;

import org.camelmm7.mm7.Mm7Answer;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7ResponseParser;
import org.camelmm7.mm7.Mm7Status;

/**
 * How a SubmitReq ended, decided from the MMSC's answer (Momentum leaves the mapping open, §12.4):
 * 1000 and 1100 are delivered; 3000 and 4006, HTTP 5xx, 408 and 429 without an MM7 status, an
 * answer that cannot be read, no answer in time and no connection are temporary (retry); every
 * other MM7 status (2xxx, 3xxx, 4xxx) and any other HTTP error without an MM7 status are permanent.
 */
public record SubmitOutcome(Kind kind, Mm7Status status, String messageId, String reason) {

    /** Delivered to the MMSC, to retry later, or given up. */
    public enum Kind {
        DELIVERED, TEMPORARY, PERMANENT
    }

    public static SubmitOutcome of(int httpStatus, String contentType, byte[] body, Mm7ResponseParser parser) {
        Mm7Answer answer;
        try {
            answer = parser.parse(contentType, body);
        } catch (Mm7Exception unreadable) {
            boolean temporary = httpStatus >= 500 || httpStatus == 408 || httpStatus == 429 || (httpStatus >= 200 && httpStatus < 300);
            return new SubmitOutcome(temporary ? Kind.TEMPORARY : Kind.PERMANENT, null, null,
                    "HTTP " + httpStatus + " without a readable MM7 status: " + unreadable.getMessage());
        }
        int code = answer.status().code();
        String reason = code + " " + answer.status().text() + (answer.status().details() == null ? "" : ": " + answer.status().details());
        if (code == 1000 || code == 1100) {
            return new SubmitOutcome(Kind.DELIVERED, answer.status(), answer.messageId(), reason);
        }
        if (code == 3000 || code == 4006) {
            return new SubmitOutcome(Kind.TEMPORARY, answer.status(), null, reason);
        }
        return new SubmitOutcome(Kind.PERMANENT, answer.status(), null, reason);
    }

    /** No connection, or no answer within the response timer. */
    public static SubmitOutcome ofTransportFailure(Exception e) {
        return new SubmitOutcome(Kind.TEMPORARY, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
