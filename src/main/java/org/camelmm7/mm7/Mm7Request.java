package org.camelmm7.mm7;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any MM7 request. Structured elements have their own components; every simple-valued element is
 * in {@link #fields()} under its schema name (booleans normalised to {@code true}/{@code false},
 * attributes of empty elements as {@code Element@attribute}). {@link Mm7Operation#schemaOrder()}
 * says which elements the operation has.
 */
public record Mm7Request(
        Mm7Operation operation,
        Mm7Transaction transaction,
        Map<String, String> fields,
        SenderIdentification senderIdentification,
        Mm7Recipients recipients,
        Mm7Address sender,
        Mm7Address recipient,
        ReplyCharging replyCharging,
        List<Integer> deliveryConditions,
        Mm7Content content) {

    /** Raw XML elements to write before {@code Content} (Momentum's mm7_request_ie_extended); never read from the wire. */
    public static final String EXTENSION_XML = "#extension-xml";

    public Mm7Request {
        fields = Map.copyOf(fields);
        deliveryConditions = deliveryConditions == null ? List.of() : List.copyOf(deliveryConditions);
        recipients = recipients == null ? Mm7Recipients.NONE : recipients;
        senderIdentification = senderIdentification == null ? SenderIdentification.NONE : senderIdentification;
    }

    public static Builder builder(Mm7Operation operation) {
        return new Builder(operation);
    }

    public String field(String name) {
        return fields.get(name);
    }

    public String transactionId() {
        return transaction.transactionId();
    }

    public String messageId() {
        return field("MessageID");
    }

    public String linkedId() {
        return field("LinkedID");
    }

    public String subject() {
        return field("Subject");
    }

    public String priority() {
        return field("Priority");
    }

    public String timeStamp() {
        return field("TimeStamp");
    }

    public String mmStatus() {
        return field("MMStatus");
    }

    public String statusText() {
        return field("StatusText");
    }

    public String mmsRelayServerId() {
        return field("MMSRelayServerID");
    }

    /** Builds requests for the writer, the parser and tests. */
    public static final class Builder {
        private final Mm7Operation operation;
        private Mm7Transaction transaction = new Mm7Transaction(Mm7Namespaces.REL_6_MM7_1_4, null, Mm7Namespaces.DEFAULT_VERSION);
        private final Map<String, String> fields = new LinkedHashMap<>();
        private SenderIdentification senderIdentification;
        private Mm7Recipients recipients;
        private Mm7Address sender;
        private Mm7Address recipient;
        private ReplyCharging replyCharging;
        private List<Integer> deliveryConditions;
        private Mm7Content content;

        private Builder(Mm7Operation operation) {
            this.operation = operation;
        }

        public Builder transaction(Mm7Transaction transaction) {
            this.transaction = transaction;
            return this;
        }

        public Builder transactionId(String id) {
            this.transaction = transaction.withTransactionId(id);
            return this;
        }

        public Builder field(String name, String value) {
            if (value != null) {
                fields.put(name, value);
            }
            return this;
        }

        public Builder senderIdentification(SenderIdentification senderIdentification) {
            this.senderIdentification = senderIdentification;
            return this;
        }

        public Builder recipients(Mm7Recipients recipients) {
            this.recipients = recipients;
            return this;
        }

        public Builder sender(Mm7Address sender) {
            this.sender = sender;
            return this;
        }

        public Builder recipient(Mm7Address recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder replyCharging(ReplyCharging replyCharging) {
            this.replyCharging = replyCharging;
            return this;
        }

        public Builder deliveryConditions(List<Integer> deliveryConditions) {
            this.deliveryConditions = deliveryConditions;
            return this;
        }

        public Builder content(Mm7Content content) {
            this.content = content;
            return this;
        }

        public Mm7Request build() {
            return new Mm7Request(operation, transaction, fields, senderIdentification, recipients, sender, recipient,
                    replyCharging, deliveryConditions, content);
        }
    }
}
