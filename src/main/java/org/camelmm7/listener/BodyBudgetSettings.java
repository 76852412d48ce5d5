package org.camelmm7.listener;

import java.time.Duration;

import org.camelmm7.support.Settings;

/**
 * How many bytes of request bodies the listener holds at once ({@code mm7.server.max-body-bytes};
 * 0: a sixth of the heap, as a request costs about three times its size while it is worked on),
 * how long a request that does not fit may wait unread before it is answered 4006, and the
 * MM7Version of that answer.
 */
public record BodyBudgetSettings(long bytes, Duration maxWait, String mm7Version) {

    public static BodyBudgetSettings from(Settings settings, String mm7Version) {
        long bytes = settings.bytes("mm7.server.max-body-bytes");
        return new BodyBudgetSettings(bytes > 0 ? bytes : Runtime.getRuntime().maxMemory() / 6, settings.seconds("mm7.server.body-wait"),
                mm7Version);
    }
}
