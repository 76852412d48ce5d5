package org.camelmm7.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import org.camelmm7.exchange.Mm7Exchange;

/**
 * The first step of every management route: refuses the request unless the management port is
 * reachable from this host only or asks for credentials (a port bound elsewhere without them would
 * let anyone on the network delete mail), and keeps what the routes need, in exchange properties,
 * before dropping the request's headers (which would otherwise be echoed in the answer): the ID
 * the path names, the mstore bucket the query names, and who asked (the authenticated user, else "anonymous", with the address).
 */
public final class ManagementRequests {

    private final boolean guarded;
    private final String host;

    /**
     * @param host           {@code mm7.management.host}
     * @param authentication {@code camel.management.authentication-enabled}
     */
    public ManagementRequests(String host, boolean authentication) {
        this.host = host;
        this.guarded = authentication || loopback(host);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** False: every management action is refused (one WARN line at start says why). */
    public boolean guarded() {
        return guarded;
    }

    public void admit(Exchange exchange) {
        if (!guarded) {
            throw new SecurityException("the management port listens on " + host
                    + " without credentials: management actions are refused (camel.management.authentication-enabled, or a loopback host)");
        }
        Message in = exchange.getMessage();
        Object user = in.getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        String name = user instanceof io.vertx.ext.auth.User u ? u.subject() : null;
        Mm7Exchange.OPERATOR.set(exchange, (name != null ? name : "anonymous") + "@" + in.getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS));
        String id = in.getHeader("id", String.class);
        if (id != null) {
            Mm7Exchange.MANAGED_ID.set(exchange, id);
        }
        String bucket = in.getHeader("bucket", String.class);
        if (bucket != null && !bucket.isBlank()) {
            Mm7Exchange.MANAGED_BUCKET.set(exchange, bucket);
        }
        in.removeHeaders("*");
    }
}
