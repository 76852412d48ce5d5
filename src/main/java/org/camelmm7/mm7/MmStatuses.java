package org.camelmm7.mm7;

import java.util.Set;

/** The MMStatus values of DeliveryReportReq and ReadReplyReq, and which of them say the message did not reach its recipient. */
public final class MmStatuses {

    /** MMStatus of a DeliveryReportReq. */
    public static final Set<String> DELIVERY = Set.of("Expired", "Retrieved", "Rejected", "Indeterminate", "Forwarded", "Unrecognised",
            "Deferred", "DeliveryConditionNotMet");
    /** MMStatus of a ReadReplyReq. */
    public static final Set<String> READ = Set.of("Indeterminate", "Read", "Deleted");
    /** Delivery report statuses that are bounces (Momentum's mm7_handle_DR_negative, O in the bounce log). */
    public static final Set<String> NEGATIVE = Set.of("Expired", "Rejected", "Unrecognised", "DeliveryConditionNotMet");

    private MmStatuses() {
    }

    public static boolean isNegative(String mmStatus) {
        return mmStatus != null && NEGATIVE.contains(mmStatus);
    }
}
