package org.camelmm7.hooks;

import jakarta.mail.internet.MimeMessage;

import org.camelmm7.mm7.Mm7Request;

/**
 * Momentum's {@code mm7_store_submit_hook}: called after the MMSC accepted a SubmitReq, before its
 * mail is kept in the message store (mstore); false skips keeping it ({@code MSTORE_DONE}). Replace
 * the bean {@code mm7StoreSubmit}; the default keeps every mail.
 */
@FunctionalInterface
public interface Mm7StoreSubmit {

    /**
     * @param bucket    {@code MADR-<short code>} or {@code MADR-MM7}
     * @param messageId the MMSC's MessageID, which its delivery reports and {@code tools/mm7ctl mstore} name
     */
    boolean keep(Mm7Request submitReq, MimeMessage mail, String bucket, String messageId);
}
