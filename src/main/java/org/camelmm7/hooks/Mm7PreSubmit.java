package org.camelmm7.hooks;

import jakarta.mail.internet.MimeMessage;

import org.camelmm7.mm7.Mm7Request;

/**
 * Momentum's {@code mm7_pre_submit}: called for each SubmitReq before it is sent; it may return a
 * changed request (any field, as Momentum's context variables can). Replace the bean
 * {@code mm7PreSubmit}.
 */
@FunctionalInterface
public interface Mm7PreSubmit {

    Mm7Request beforeSubmit(Mm7Request submitReq, MimeMessage mail);

    /**
     * Momentum's {@code MM7_Source_Address}: the source address the logs write for this submission
     * ({@code %sa}), for logging only. Null (the default): the SubmitReq's SenderAddress
     * ({@code MM7_Sender_Address}), else the mail's sender.
     */
    default String sourceAddress(Mm7Request submitReq, MimeMessage mail) {
        return null;
    }
}
