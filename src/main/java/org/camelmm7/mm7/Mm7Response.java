package org.camelmm7.mm7;

/**
 * Any MM7 response ({@code SubmitRsp}, {@code DeliverRsp}, ...). {@code messageId} is written for
 * SubmitRsp and extendedReplaceRsp, {@code serviceCode} for DeliverRsp; both may be null.
 */
public record Mm7Response(Mm7Operation operation, Mm7Transaction transaction, Mm7Status status, String messageId,
                          String serviceCode) {

    public static Mm7Response to(Mm7Request request, Mm7Status status) {
        return new Mm7Response(request.operation(), request.transaction(), status, null, null);
    }
}
