package org.camelmm7;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.camelmm7.log.MmsLogs;

/** What happens when the gateway stops, beyond the routes: log lines still queued when Camel has stopped are written out. */
final class GatewayLifecycle extends SimpleEventNotifierSupport {

    private final MmsLogs logs;

    GatewayLifecycle(MmsLogs logs) {
        this.logs = logs;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppedEvent) {
            logs.flushOnStop();
        }
    }
}
