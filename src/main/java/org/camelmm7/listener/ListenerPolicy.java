package org.camelmm7.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camelmm7.server.VaspPaths;
import org.camelmm7.support.Settings;

/**
 * What Momentum's HTTP_Listener checks before a request reaches mm7_serv, in its order: the peer
 * ACL (the most specific matching CIDR of {@code mm7.server.allow}/{@code mm7.server.deny} wins;
 * with an allow list, peers it does not name are refused), the path, the method, the client
 * certificates the path allows, HTTP credentials for the path (Basic or Digest; a verified client
 * certificate instead when {@code mm7.server.tls.verified-peer-is-authorized}), and the declared
 * request size. Plain Java; the HTTP listener applies it before the body is read.
 *
 * <p>A path is authorised exactly as it is routed: it must already be in normal form (no dot
 * segments, no empty segments, no percent-encoding), so no other spelling can reach a VASP path
 * past its credentials.
 */
public final class ListenerPolicy {

    /** Why a request is refused: HTTP status, a reason for the log, and for a 401 the WWW-Authenticate challenges. */
    public record Refusal(int status, String reason, List<String> challenges) {

        public Refusal(int status, String reason) {
            this(status, reason, List.of());
        }
    }

    /**
     * What the policy looks at, all known once the headers are in.
     *
     * @param path        the path as the request line spells it, without the query
     * @param target      the request target as sent (path and query), which Digest credentials sign
     * @param certificate the client certificate the TLS handshake verified; null on plain HTTP or without one
     */
    public record Request(String method, String path, String target, String peer, String authorization, X509Certificate certificate,
                          Long contentLength) {
    }

    private final VaspPaths paths;
    private final Set<String> openPaths;
    private final List<CidrRange> allow;
    private final List<CidrRange> deny;
    private final CredentialsFile defaultAuth;
    private final Map<String, CredentialsFile> authByPath;
    private final HttpAuthentication authentication;
    private final Map<String, CertificateAllowList> certificatesByPath;
    private final boolean verifiedPeerIsAuthorized;
    private final long maxRequestSize;

    /**
     * @param openPaths paths served besides the VASP paths, without credentials (the simulated MMSC's)
     */
    public ListenerPolicy(VaspPaths paths, Set<String> openPaths, List<CidrRange> allow, List<CidrRange> deny, CredentialsFile defaultAuth,
                          Map<String, CredentialsFile> authByPath, long maxRequestSize) {
        this(paths, openPaths, allow, deny, defaultAuth, authByPath, new HttpAuthentication(List.of("basic"), Duration.ofMinutes(5)),
                Map.of(), false, maxRequestSize);
    }

    ListenerPolicy(VaspPaths paths, Set<String> openPaths, List<CidrRange> allow, List<CidrRange> deny, CredentialsFile defaultAuth,
                   Map<String, CredentialsFile> authByPath, HttpAuthentication authentication, Map<String, CertificateAllowList> certificatesByPath,
                   boolean verifiedPeerIsAuthorized, long maxRequestSize) {
        this.paths = paths;
        this.openPaths = Set.copyOf(openPaths);
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        this.defaultAuth = defaultAuth;
        this.authByPath = Map.copyOf(authByPath);
        this.authentication = authentication;
        this.certificatesByPath = Map.copyOf(certificatesByPath);
        this.verifiedPeerIsAuthorized = verifiedPeerIsAuthorized;
        this.maxRequestSize = maxRequestSize;
    }

    /**
     * The policy of {@code mm7.server.allow}, {@code .deny}, {@code .auth-file}, {@code .auth-schemes},
     * {@code .path.<name>.auth-file}, {@code .path.<name>.tls-peers}, {@code .tls.verified-peer-is-authorized}
     * and {@code .max-request-size}.
     */
    public static ListenerPolicy from(Settings settings, VaspPaths paths, Set<String> openPaths) {
        String defaultAuthFile = settings.optional("mm7.server.auth-file");
        Map<String, CredentialsFile> byPath = new HashMap<>();
        Map<String, CertificateAllowList> certificates = new HashMap<>();
        for (String path : paths.all()) {
            String file = settings.optional("mm7.server.path." + VaspPaths.keyOf(path) + ".auth-file");
            if (file != null) {
                byPath.put(path, new CredentialsFile(Path.of(file)));
            }
            // subject names hold commas: the entries are separated by ';'
            String peers = settings.optional("mm7.server.path." + VaspPaths.keyOf(path) + ".tls-peers");
            if (peers != null) {
                certificates.put(path, new CertificateAllowList(Arrays.stream(peers.split(";")).map(String::trim).filter(e -> !e.isEmpty()).toList()));
            }
        }
        return new ListenerPolicy(paths, openPaths,
                settings.list("mm7.server.allow").stream().map(CidrRange::parse).toList(),
                settings.list("mm7.server.deny").stream().map(CidrRange::parse).toList(),
                defaultAuthFile == null ? null : new CredentialsFile(Path.of(defaultAuthFile)),
                byPath, HttpAuthentication.from(settings), certificates, settings.bool("mm7.server.tls.verified-peer-is-authorized"),
                settings.bytes("mm7.server.max-request-size"));
    }

    public long maxRequestSize() {
        return maxRequestSize;
    }

    /** Null when the request may go on. */
    public Refusal check(Request request) {
        String peer = request.peer();
        if (!peerAllowed(peer)) {
            return new Refusal(403, "peer " + peer + " is not allowed by mm7.server.allow/deny");
        }
        String rawPath = request.path();
        if (!isNormalForm(rawPath)) {
            return new Refusal(400, "path is not in normal form (dot or empty segments, percent-encoding)");
        }
        String vaspPath = paths.serving(rawPath);
        if (vaspPath == null && !servesOpenPath(rawPath)) {
            return new Refusal(404, "no VASP path serves it");
        }
        if (!"POST".equals(request.method())) {
            return new Refusal(405, "only POST is served");
        }
        CertificateAllowList allowed = vaspPath == null ? null : certificatesByPath.get(vaspPath);
        if (allowed != null && !allowed.allows(request.certificate())) {
            return new Refusal(403, CertificateAllowList.describe(request.certificate()) + " is not in the path's tls-peers");
        }
        CredentialsFile auth = vaspPath == null ? null : authByPath.getOrDefault(vaspPath, defaultAuth);
        boolean certified = verifiedPeerIsAuthorized && request.certificate() != null;
        if (auth != null && !certified) {
            Refusal refusal = authentication.check(request, auth);
            if (refusal != null) {
                return refusal;
            }
        }
        Long contentLength = request.contentLength();
        if (contentLength != null && contentLength > maxRequestSize) {
            return new Refusal(413, "request of " + contentLength + " bytes is over mm7.server.max-request-size " + maxRequestSize);
        }
        return null;
    }

    /**
     * A path as a router serves it without rewriting: starts with '/', only the characters a
     * VASP path may hold, no '%', no empty, '.' or '..' segment.
     */
    static boolean isNormalForm(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                String segment = path.substring(segmentStart, i);
                boolean last = i == path.length();
                if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!VaspPaths.isPathCharacter(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean servesOpenPath(String path) {
        for (String open : openPaths) {
            if (path.startsWith(open) || path.equals(open.substring(0, open.length() - 1))) {
                return true;
            }
        }
        return false;
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
