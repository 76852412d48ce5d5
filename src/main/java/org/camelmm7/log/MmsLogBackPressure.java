package org.camelmm7.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * A route policy for the routes that take work in (the pickup of mail to submit): while the MMS log
 * has more waiting than {@code mms.logger.max-pending-bytes}, the route's consumer is suspended, and
 * resumed once the log files have taken the backlog. Mail waits where it is (the pickup directory,
 * the broker) rather than its log lines waiting in memory without bound; no line is dropped.
 */
public final class MmsLogBackPressure extends RoutePolicySupport {

    private static final long LOOK_MILLIS = 200;

    private final MmsLogs logs;
    private final Map<Route, ScheduledFuture<?>> paused = new ConcurrentHashMap<>();
    private ScheduledExecutorService looks;

    public MmsLogBackPressure(MmsLogs logs) {
        this.logs = logs;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        if (!logs.isBehind() || paused.containsKey(route)) {
            return;
        }
        paused.computeIfAbsent(route, r -> {
            try {
                suspendOrStopConsumer(r.getConsumer());
            } catch (Exception e) {
                handleException(e);
            }
            return scheduler(r).scheduleWithFixedDelay(() -> resumeWhenCaughtUp(r), LOOK_MILLIS, LOOK_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void resumeWhenCaughtUp(Route route) {
        if (logs.isBehind()) {
            return;
        }
        ScheduledFuture<?> look = paused.remove(route);
        if (look != null) {
            look.cancel(false);
            try {
                resumeOrStartConsumer(route.getConsumer());
            } catch (Exception e) {
                handleException(e);
            }
        }
    }

    private synchronized ScheduledExecutorService scheduler(Route route) {
        if (looks == null) {
            looks = route.getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "MmsLogBackPressure");
        }
        return looks;
    }

    @Override
    protected void doStop() throws Exception {
        paused.values().forEach(look -> look.cancel(false));
        paused.clear();
        if (looks != null) {
            looks.shutdownNow();
            looks = null;
        }
        super.doStop();
    }
}
