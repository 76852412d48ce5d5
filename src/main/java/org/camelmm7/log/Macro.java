package org.camelmm7.log;

import java.util.function.Function;

/** The 17 macros of Momentum's mms_logger and mms_bounce_logger (docs/logs.md). */
public enum Macro {
    TIME("t", e -> Long.toString(e.time().getEpochSecond())),
    MESSAGE_ID("i", MmsEvent::messageId),
    ORIGINAL_MESSAGE_ID("I", MmsEvent::originalMessageId),
    TRANSACTION_ID("ti", MmsEvent::transactionId),
    REMOTE_MESSAGE_ID("rm", MmsEvent::remoteMessageId),
    DOMAIN("d", MmsEvent::domain),
    BINDING_GROUP("g", MmsEvent::bindingGroup),
    BINDING("b", MmsEvent::binding),
    PATHWAY("P", MmsEvent::pathway),
    PATHWAY_GROUP("PG", MmsEvent::pathwayGroup),
    IP("H", MmsEvent::ip),
    SOURCE_ADDRESS("sa", MmsEvent::sourceAddress),
    DESTINATION_ADDRESS("da", MmsEvent::destinationAddress),
    STATUS("S", MmsEvent::status),
    ERROR("e", MmsEvent::error),
    SIZE("B", e -> e.size() == null ? null : e.size().toString()),
    DR_LATENCY("drl", e -> e.deliveryReportLatency() == null ? null : e.deliveryReportLatency().toString());

    private final String name;
    private final Function<MmsEvent, String> value;

    Macro(String name, Function<MmsEvent, String> value) {
        this.name = name;
        this.value = value;
    }

    public String macroName() {
        return name;
    }

    String valueOf(MmsEvent event) {
        return value.apply(event);
    }

    /** The macro whose name starts {@code format} at {@code pos}, longest name first ({@code %ti} before {@code %t}). */
    static Macro at(String format, int pos) {
        Macro best = null;
        for (Macro m : values()) {
            if (format.startsWith(m.name, pos) && (best == null || m.name.length() > best.name.length())) {
                best = m;
            }
        }
        return best;
    }
}
