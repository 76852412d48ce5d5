package org.camelmm7.spool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.camelmm7.email.MailExchange;
import org.camelmm7.exchange.Mm7Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the spool's entries from both sources: mail handed over in memory, and the store (a
 * directory or a broker queue), each with {@code concurrentConsumers} threads from Camel's
 * ExecutorServiceManager. Every exchange ends in the journal: completed, the entry leaves it (before
 * the store deletes its file); failed, an entry from the store stays there for its retries, and one
 * from memory is written to the store (or, when even that fails, by the journal once the disk
 * allows).
 * <p>
 * The store is not read further while {@code maxInFlight} of its entries are out (in delivery, or
 * waiting for a retry, which holds no thread): a relay that is down must not pull the whole spool
 * into memory. Reading resumes when half of them are done; a poll already under way finishes.
 */
final class Mm7SpoolConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(Mm7SpoolConsumer.class);

    private final Mm7SpoolEndpoint endpoint;
    private final Mm7SpoolComponent spool;
    private final AtomicInteger storeInFlight = new AtomicInteger();
    private final AtomicBoolean storePaused = new AtomicBoolean();
    private Consumer store;
    private Producer storeWriter;
    private ExecutorService fromMemory;
    private ExecutorService fromStore;

    Mm7SpoolConsumer(Mm7SpoolEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.spool = endpoint.getComponent();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ExecutorServiceManager threads = getEndpoint().getCamelContext().getExecutorServiceManager();
        int concurrency = endpoint.getConcurrentConsumers();
        String name = "mm7spool-" + spool.spoolName();
        storeWriter = getEndpoint().getCamelContext().getEndpoint(spool.storeUri()).createProducer();
        ServiceHelper.startService(storeWriter);
        fromMemory = threads.newFixedThreadPool(this, name + "-memory", concurrency);
        for (int i = 0; i < concurrency; i++) {
            fromMemory.execute(this::takeFromMemory);
        }
        spool.handoff().taken();
        fromStore = threads.newThreadPool(this, name + "-store", concurrency, concurrency);
        store = getEndpoint().getCamelContext().getEndpoint(spool.storeUri()).createConsumer(new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                return takeFromStore(exchange, callback);
            }
        });
        ServiceHelper.startService(store);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(store);
        // mail nobody will take from memory now goes to the store, where the next start finds it
        spool.handoff().notTaken().forEach(this::writeToStore);
        ExecutorServiceManager threads = getEndpoint().getCamelContext().getExecutorServiceManager();
        threads.shutdown(fromMemory);
        threads.shutdown(fromStore);
        ServiceHelper.stopService(storeWriter);
        super.doStop();
    }

    @Override
    protected void doSuspend() {
        ServiceHelper.suspendService(store);
    }

    @Override
    protected void doResume() {
        if (!storePaused.get()) {
            ServiceHelper.resumeService(store);
        }
    }

    private void takeFromMemory() {
        while (isRunAllowed()) {
            try {
                InMemoryHandoff.Entry entry = isSuspendingOrSuspended() ? null : spool.handoff().poll(100);
                if (entry == null) {
                    continue;
                }
                Exchange exchange = createExchange(false);
                Message message = exchange.getMessage();
                message.setBody(entry.mail());
                message.setHeader(Exchange.FILE_NAME, entry.name());
                message.setHeader(Exchange.FILE_NAME_ONLY, entry.name());
                MailExchange.HANDED_OVER_ENTRY.set(exchange, entry.mail());
                exchange.getExchangeExtension().addOnCompletion(new LeavesSpool(entry.name(), entry));
                getProcessor().process(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                getExceptionHandler().handleException(e);
            }
        }
    }

    private boolean takeFromStore(Exchange exchange, AsyncCallback callback) {
        if (storeInFlight.incrementAndGet() >= endpoint.getMaxInFlight() && storePaused.compareAndSet(false, true)) {
            ServiceHelper.suspendService(store);
        }
        exchange.getExchangeExtension().setFromRouteId(getRouteId());
        exchange.getExchangeExtension().addOnCompletion(new LeavesSpool(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class), null));
        fromStore.execute(() -> getAsyncProcessor().process(exchange, doneSync -> {
            if (storeInFlight.decrementAndGet() <= endpoint.getMaxInFlight() / 2 && storePaused.compareAndSet(true, false)
                    && !isSuspendingOrSuspended()) {
                ServiceHelper.resumeService(store);
            }
            callback.done(false);
        }));
        return false;
    }

    /** A mail from memory that was not delivered, in the store now; false when the store cannot take it either. */
    private boolean writeToStore(InMemoryHandoff.Entry entry) {
        Exchange exchange = getEndpoint().createExchange();
        exchange.getMessage().setBody(entry.mail().bytes());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, entry.name());
        exchange.getMessage().setHeader(Mm7Exchange.SPOOL_ENTRY_HEADER, entry.name());
        try {
            storeWriter.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            // a full disk, say: the journal writes it to the store once it can, and nothing waits for a restart
            spool.journal().writeBackLater(entry.name());
            LOG.warn("mail {} neither delivered nor spooled ({}): the journal writes it to the spool once the disk allows",
                    entry.name(), exchange.getException().getMessage());
            return false;
        }
        spool.journal().writtenToSpool(entry.name());
        return true;
    }

    /**
     * The end of an entry's exchange, before the store's own (which deletes the file): the journal's
     * "done" when it completed; when it failed, an entry from memory is written to the store.
     */
    private final class LeavesSpool extends SynchronizationAdapter implements Ordered {

        private final String name;
        private final InMemoryHandoff.Entry inMemory;

        LeavesSpool(String name, InMemoryHandoff.Entry inMemory) {
            this.name = name;
            this.inMemory = inMemory;
        }

        @Override
        public void onComplete(Exchange exchange) {
            try {
                spool.journal().left(name);
            } catch (Exception e) {
                LOG.warn("spool journal: could not record that {} left the spool ({}): it is delivered again after a restart", name,
                        e.toString());
            }
            released();
        }

        @Override
        public void onFailure(Exchange exchange) {
            if (inMemory != null && writeToStore(inMemory)) {
                LOG.warn("mail {} not delivered at once ({}): spooled for retries", name,
                        exchange.getException() == null ? "failed" : exchange.getException().getMessage());
            }
            released();
        }

        private void released() {
            if (inMemory != null) {
                spool.handoff().release(inMemory);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST;
        }
    }
}
