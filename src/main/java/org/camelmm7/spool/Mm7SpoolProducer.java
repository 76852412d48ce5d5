package org.camelmm7.spool;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.camelmm7.exchange.Mm7Exchange;

/**
 * Puts a spool entry ({@code CamelFileName}, the mail as body) into the spool: appended to the
 * journal and synced (one sync serves all the requests that arrived meanwhile), then handed to the
 * consumer in memory when it has room, otherwise written to the store. When neither works the
 * journal forgets the entry again and the exchange fails with {@link SpoolUnavailableException}:
 * nothing was accepted. So does a store that does not take the entry in time ({@link StoreWriteDeadline}).
 */
final class Mm7SpoolProducer extends DefaultProducer {

    private final Mm7SpoolComponent spool;
    private Producer store;
    private ScheduledExecutorService timer;
    private StoreWriteDeadline deadline;

    Mm7SpoolProducer(Mm7SpoolEndpoint endpoint) {
        super(endpoint);
        this.spool = endpoint.getComponent();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String name = message.getHeader(Exchange.FILE_NAME, String.class);
        spool.journal().append(exchange);
        if (spool.handoff().offer(name, message.getBody())) {
            return;
        }
        try {
            // the entry's name travels with it through a broker, whose messages have no file name
            message.setHeader(Mm7Exchange.SPOOL_ENTRY_HEADER, name);
            boolean overran = deadline.overran(() -> store.process(exchange));
            if (exchange.getException() != null) {
                throw overran ? spool.storeWriteOverran(exchange.getException()) : exchange.getException();
            }
            spool.storeTookEntry();
        } catch (Exception e) {
            exchange.setException(null);
            spool.journal().cancel(name);
            throw new SpoolUnavailableException("spool write failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        store = getEndpoint().getCamelContext().getEndpoint(spool.storeUri()).createProducer();
        ServiceHelper.startService(store);
        timer = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "mm7spool-store-deadline");
        deadline = new StoreWriteDeadline(timer, spool.storeTimeout());
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(store);
        getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(timer);
    }
}
