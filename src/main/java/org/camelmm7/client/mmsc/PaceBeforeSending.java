package org.camelmm7.client.mmsc;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Waits for the MMSC's {@link MmscPace} just before the conduit sends the request (with a
 * Content-Length, the default, the whole request goes out then; a chunked one has sent all but its
 * end). What a request costs before that, the first one after start 0.4 s here, is spent before its
 * departure time is taken: the MMSC sees the requests at the pace they left, not the first one late
 * and the second right behind it, as it did when the route itself waited before calling CXF.
 */
final class PaceBeforeSending extends AbstractPhaseInterceptor<Message> {

    private final MmscPace pace;

    PaceBeforeSending(MmscPace pace) {
        super(Phase.PREPARE_SEND_ENDING);
        addBefore(MessageSenderInterceptor.MessageSenderEndingInterceptor.class.getName());
        this.pace = pace;
    }

    @Override
    public void handleMessage(Message message) {
        try {
            pace.awaitTurn();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fault(e);
        }
    }
}
