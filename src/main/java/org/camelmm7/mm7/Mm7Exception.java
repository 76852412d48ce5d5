package org.camelmm7.mm7;

/**
 * A request the gateway cannot process, with the MM7 status to answer in the fault. Carries what
 * could be read of the request (namespace, TransactionID, version) so the fault can echo it.
 */
public class Mm7Exception extends RuntimeException {

    private final StatusCode statusCode;
    private final transient Mm7Transaction transaction;

    public Mm7Exception(StatusCode statusCode, String detail, Mm7Transaction transaction) {
        this(statusCode, detail, transaction, null);
    }

    public Mm7Exception(StatusCode statusCode, String detail, Mm7Transaction transaction, Throwable cause) {
        super(detail, cause);
        this.statusCode = statusCode;
        this.transaction = transaction;
    }

    public StatusCode statusCode() {
        return statusCode;
    }

    /** What was read of the request before it failed; never null, fields may be. */
    public Mm7Transaction transaction() {
        return transaction == null ? Mm7Transaction.UNKNOWN : transaction;
    }

    public Mm7Status status() {
        return Mm7Status.of(statusCode, getMessage());
    }
}
