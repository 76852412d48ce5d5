package org.camelmm7.mm7;

/**
 * What every MM7 message carries besides its body: the body's namespace, the SOAP header
 * TransactionID (trimmed) and the MM7Version element. Any of them may be null on input.
 */
public record Mm7Transaction(String namespace, String transactionId, String mm7Version) {

    public static final Mm7Transaction UNKNOWN = new Mm7Transaction(null, null, null);

    public Mm7Transaction withNamespace(String ns) {
        return new Mm7Transaction(ns, transactionId, mm7Version);
    }

    public Mm7Transaction withTransactionId(String id) {
        return new Mm7Transaction(namespace, id, mm7Version);
    }

    public Mm7Transaction withVersion(String version) {
        return new Mm7Transaction(namespace, transactionId, version);
    }
}
