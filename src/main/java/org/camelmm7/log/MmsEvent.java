package org.camelmm7.log;

import java.time.Instant;

/**
 * One MMS event as the loggers see it: every value a Momentum macro can print. Fields that do
 * not apply to an event are null and print as an empty field.
 */
public record MmsEvent(
        Instant time,
        String messageId,
        String originalMessageId,
        String transactionId,
        String remoteMessageId,
        String domain,
        String bindingGroup,
        String binding,
        String pathway,
        String pathwayGroup,
        String ip,
        String sourceAddress,
        String destinationAddress,
        String status,
        String error,
        Long size,
        Long deliveryReportLatency) {

    public static Builder at(Instant time) {
        return new Builder(time);
    }

    /** Builds events field by field; unset fields stay empty. */
    public static final class Builder {
        private final Instant time;
        private String messageId;
        private String originalMessageId;
        private String transactionId;
        private String remoteMessageId;
        private String domain;
        private String bindingGroup;
        private String binding;
        private String pathway;
        private String pathwayGroup;
        private String ip;
        private String sourceAddress;
        private String destinationAddress;
        private String status;
        private String error;
        private Long size;
        private Long deliveryReportLatency;

        private Builder(Instant time) {
            this.time = time;
        }

        public Builder messageId(String v) { messageId = v; return this; }
        public Builder originalMessageId(String v) { originalMessageId = v; return this; }
        public Builder transactionId(String v) { transactionId = v; return this; }
        public Builder remoteMessageId(String v) { remoteMessageId = v; return this; }
        public Builder domain(String v) { domain = v; return this; }
        public Builder bindingGroup(String v) { bindingGroup = v; return this; }
        public Builder binding(String v) { binding = v; return this; }
        public Builder pathway(String v) { pathway = v; return this; }
        public Builder pathwayGroup(String v) { pathwayGroup = v; return this; }
        public Builder ip(String v) { ip = v; return this; }
        public Builder sourceAddress(String v) { sourceAddress = v; return this; }
        public Builder destinationAddress(String v) { destinationAddress = v; return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder error(String v) { error = v; return this; }
        public Builder size(Long v) { size = v; return this; }
        public Builder deliveryReportLatency(Long v) { deliveryReportLatency = v; return this; }

        public MmsEvent build() {
            return new MmsEvent(time, messageId, originalMessageId, transactionId, remoteMessageId, domain, bindingGroup,
                    binding, pathway, pathwayGroup, ip, sourceAddress, destinationAddress, status, error, size,
                    deliveryReportLatency);
        }
    }
}
