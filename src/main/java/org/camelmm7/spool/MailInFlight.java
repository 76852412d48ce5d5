package org.camelmm7.spool;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Stops reading the spool while {@code max} mails are taken from it and not finished: in delivery,
 * or waiting for a retry (a retry waits without a thread, so threads alone do not bound this). A
 * relay that is down must not pull the whole spool into memory. Reading resumes when half of them
 * are done. Camel's ThrottlingInflightRoutePolicy looks only when an exchange is done, which a
 * relay that is down never lets happen.
 */
public final class MailInFlight extends RoutePolicySupport {

    private final int max;

    public MailInFlight(int max) {
        this.max = max;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        if (inFlight(route) >= max) {
            try {
                suspendOrStopConsumer(route.getConsumer());
            } catch (Exception e) {
                handleException(e);
            }
        }
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        if (inFlight(route) <= max / 2) {
            try {
                resumeOrStartConsumer(route.getConsumer());
            } catch (Exception e) {
                handleException(e);
            }
        }
    }

    private static int inFlight(Route route) {
        return route.getCamelContext().getInflightRepository().size(route.getId());
    }
}
