package org.example.estate;

import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7Response;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.StatusCode;

/** What the estate answers an MMSC: 1000 for a delivery report it queued, 4003 for any other operation. */
public final class MmscAnswers {

    public Mm7Response queued(Mm7Request report) {
        return Mm7Response.to(report, Mm7Status.of(StatusCode.SUCCESS));
    }

    public Mm7Response notHandledHere(Mm7Request request) {
        return Mm7Response.to(request, Mm7Status.of(StatusCode.UNSUPPORTED_OPERATION, "this path takes delivery reports only"));
    }
}
