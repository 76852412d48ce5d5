package org.camelmm7.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.camelmm7.VaspPaths;

/**
 * What Momentum's HTTP_Listener checks before a request reaches mm7_serv, in its order: the peer
 * ACL (the most specific matching CIDR of {@code mm7.server.allow}/{@code mm7.server.deny} wins;
 * with an allow list, peers it does not name are refused), HTTP Basic credentials for the path,
 * and the declared request size. Plain Java; the HTTP listener applies it before the body is read.
 */
public final class ListenerPolicy {

    /** Why a request is refused: HTTP status and a reason for the log. */
    public record Refusal(int status, String reason) {
    }

    private final VaspPaths paths;
    private final List<CidrRange> allow;
    private final List<CidrRange> deny;
    private final BasicAuthFile defaultAuth;
    private final Map<String, BasicAuthFile> authByPath;
    private final long maxRequestSize;

    public ListenerPolicy(VaspPaths paths, List<CidrRange> allow, List<CidrRange> deny, BasicAuthFile defaultAuth,
                          Map<String, BasicAuthFile> authByPath, long maxRequestSize) {
        this.paths = paths;
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        this.defaultAuth = defaultAuth;
        this.authByPath = Map.copyOf(authByPath);
        this.maxRequestSize = maxRequestSize;
    }

    public long maxRequestSize() {
        return maxRequestSize;
    }

    /** Null when the request may go on. */
    public Refusal check(String requestPath, String peer, String authorization, Long contentLength) {
        if (!peerAllowed(peer)) {
            return new Refusal(403, "peer " + peer + " is not allowed by mm7.server.allow/deny");
        }
        String vaspPath = paths.serving(requestPath);
        BasicAuthFile auth = vaspPath == null ? null : authByPath.getOrDefault(vaspPath, defaultAuth);
        if (auth != null && !auth.accepts(authorization)) {
            return new Refusal(401, authorization == null ? "no credentials" : "wrong credentials");
        }
        if (contentLength != null && contentLength > maxRequestSize) {
            return new Refusal(413, "request of " + contentLength + " bytes is over mm7.server.max-request-size " + maxRequestSize);
        }
        return null;
    }

    boolean peerAllowed(String peer) {
        if (allow.isEmpty() && deny.isEmpty()) {
            return true;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(peer);
        } catch (UnknownHostException e) {
            return false;
        }
        CidrRange bestAllow = mostSpecific(allow, address);
        CidrRange bestDeny = mostSpecific(deny, address);
        if (bestDeny != null && (bestAllow == null || bestDeny.prefixLength() >= bestAllow.prefixLength())) {
            return false;
        }
        return bestAllow != null || allow.isEmpty();
    }

    private static CidrRange mostSpecific(List<CidrRange> ranges, InetAddress address) {
        CidrRange best = null;
        for (CidrRange r : ranges) {
            if (r.contains(address) && (best == null || r.prefixLength() > best.prefixLength())) {
                best = r;
            }
        }
        return best;
    }
}
