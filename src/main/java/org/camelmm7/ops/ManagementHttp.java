package org.camelmm7.ops;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The management port ({@code camel.management.*}: health, metrics) as a platform-http engine:
 * {@code platform-http:/mm7/…?platformHttpEngine=#managementHttp} routes are served there, beside
 * {@code /observe}, not on the MM7 listener, which peers reach.
 */
public final class ManagementHttp extends VertxPlatformHttpEngine {

    private final int port;

    public ManagementHttp(int port) {
        this.port = port;
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
