package org.camelmm7.ops;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: the spool's store takes entries. DOWN for a while after a write to it ran out of time
 * and none was taken since (a broker that blocks producers answers no error, it only lets them
 * wait), so a load balancer sends the MMSC's requests to another gateway meanwhile; UP again after
 * that while, so traffic finds out whether the store takes entries again.
 */
public final class SpoolStoreCheck extends ReadinessCheck {

    private final Supplier<String> refusal;

    /** @param refusal why the store takes no entry now, or null */
    public SpoolStoreCheck(Supplier<String> refusal) {
        super("spool-store");
        this.refusal = refusal;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String why = refusal.get();
        if (why == null) {
            builder.up();
        } else {
            builder.message(why).down();
        }
    }
}
