package org.camelmm7.ops;

import org.apache.camel.impl.health.AbstractHealthCheck;

/** A check of something the gateway needs to take work (a directory, the relay, the broker): readiness only, never liveness. */
abstract class ReadinessCheck extends AbstractHealthCheck {

    ReadinessCheck(String id) {
        super("mm7", id);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
