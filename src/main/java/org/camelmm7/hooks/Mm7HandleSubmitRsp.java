package org.camelmm7.hooks;

import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.SubmitOutcome;

/**
 * Momentum's {@code mm7_handle_submitRsp}: called with the outcome read from the MMSC's answer;
 * it may force another (delivered, temporary, permanent). Replace the bean {@code mm7HandleSubmitRsp}.
 */
@FunctionalInterface
public interface Mm7HandleSubmitRsp {

    SubmitOutcome afterSubmit(Mm7Request submitReq, SubmitOutcome outcome);
}
