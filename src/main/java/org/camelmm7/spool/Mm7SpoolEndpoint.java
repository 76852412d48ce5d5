package org.camelmm7.spool;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * One view of the spool: producers append to it, the one consumer delivers from it. The options
 * are the consumer's: {@code concurrentConsumers} mails delivered side by side from each source
 * (memory and store), and {@code maxInFlight} mails taken from the store and not finished (in
 * delivery or waiting for a retry) before the store is read further.
 */
public final class Mm7SpoolEndpoint extends DefaultEndpoint {

    private int concurrentConsumers = 1;
    private int maxInFlight = 64;

    Mm7SpoolEndpoint(String uri, Mm7SpoolComponent component) {
        super(uri, component);
    }

    @Override
    public Mm7SpoolComponent getComponent() {
        return (Mm7SpoolComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new Mm7SpoolProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Mm7SpoolConsumer consumer = new Mm7SpoolConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }
}
