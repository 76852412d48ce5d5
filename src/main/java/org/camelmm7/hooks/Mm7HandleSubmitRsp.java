package org.camelmm7.hooks;

import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.SubmitOutcome;

/**
 * Momentum's {@code mm7_handle_submitRsp}: called with the outcome read from the MMSC's answer;
 * it may force another (delivered, temporary, permanent), or send the submission elsewhere
 * ({@link #reroute}). Replace the bean {@code mm7HandleSubmitRsp}.
 */
@FunctionalInterface
public interface Mm7HandleSubmitRsp {

    SubmitOutcome afterSubmit(Mm7Request submitReq, SubmitOutcome outcome);

    /**
     * Called when the outcome (after {@link #afterSubmit}) is not delivered: a route to submit to at
     * the next attempt instead, as Momentum's hook sets a routing domain and recipients and returns
     * MM7_TEMP_FAIL; null (the default) leaves the outcome as it is. The attempt counts as a temporary
     * failure (T, "rerouted to …"), and the retries go on from there.
     */
    default SubmitRoute reroute(Mm7Request submitReq, SubmitOutcome outcome) {
        return null;
    }
}
