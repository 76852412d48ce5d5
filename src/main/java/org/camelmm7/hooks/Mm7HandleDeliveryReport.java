package org.camelmm7.hooks;

import org.camelmm7.mm7.Mm7Request;

/**
 * Momentum's {@code mm7_handle_DR_negative} and {@code mm7_handle_DR_positive}: called for each
 * delivery report about a known submission. For a negative one, returning false sends no bounce
 * mail (Momentum's MM7_DELIVERED); for a positive one the answer is not used. Replace the bean
 * {@code mm7HandleDeliveryReport}.
 */
@FunctionalInterface
public interface Mm7HandleDeliveryReport {

    boolean onDeliveryReport(Mm7Request report, TrackedSubmission submission, boolean negative);
}
