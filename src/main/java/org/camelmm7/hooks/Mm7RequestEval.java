package org.camelmm7.hooks;

import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7Status;

/**
 * Momentum's {@code mm7_request_eval}: called once for each MM7 request the VASP endpoint accepts,
 * before it is converted. Replace the bean {@code mm7RequestEval} to change the answer or the
 * handling; implement {@link #evaluate(Mm7RequestView)} instead to change the request itself
 * (recipients, subject, content parts, the mail's header fields), as Momentum's hook may.
 */
@FunctionalInterface
public interface Mm7RequestEval {

    /** What to do with a request. */
    enum Action {
        /** convert and handle it as usual */
        CONTINUE,
        /** answer it, but do not convert it (Momentum's MM7_DELIVERED) */
        DELIVERED,
        /** refuse it with the decision's status as a fault (Momentum's MM7_PERM_FAIL) */
        PERM_FAIL
    }

    /** The action and, when not null, the status and ServiceCode to answer. */
    record Decision(Action action, Mm7Status status, String serviceCode) {
        public static final Decision CONTINUE = new Decision(Action.CONTINUE, null, null);
    }

    Decision evaluate(Mm7Request request);

    /** The request as a view the hook may change in place; by default the request is only read. */
    default Decision evaluate(Mm7RequestView request) {
        return evaluate(request.original());
    }
}
