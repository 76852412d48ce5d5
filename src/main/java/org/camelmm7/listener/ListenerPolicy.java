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
 * ACL ({@code mm7.server.allow}/{@code .deny}: the most specific matching CIDR wins; with an allow
 * list, peers it does not name are refused), the {@code always-deny} of the request's
 * {@link ListenerScopes scope}, then authentication — skipped by the scope's {@code always-allow}
 * or a verified client certificate when {@code mm7.server.tls.verified-peer-is-authorized}; HTTP
 * credentials (Basic or Digest) checked before the path is matched, so a peer without them learns
 * nothing of which paths exist — then the scope's TLS verify mode and the client certificates the
 * path allows, the path, the method, and the declared request size against the scope's limit.
 * Plain Java; the HTTP listener applies it before the body is read.
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
     * @param peer        the client's IP address; {@code local} and {@code localPort}: the socket it came in on
     * @param tls         whether it came over TLS
     * @param certificate the client certificate the TLS handshake verified; null on plain HTTP or without one
     */
    public record Request(String method, String path, String target, String peer, String local, int localPort, boolean tls,
                          String authorization, X509Certificate certificate, Long contentLength) {

        /** On a plain socket whose address matches no Listen scope. */
        public Request(String method, String path, String target, String peer, String authorization, Long contentLength) {
            this(method, path, target, peer, null, 0, false, authorization, null, contentLength);
        }
    }

    private final VaspPaths paths;
    private final Set<String> openPaths;
    private final List<CidrRange> allow;
    private final List<CidrRange> deny;
    private final Map<String, CredentialsFile> authByPath;
    private final Map<String, CertificateAllowList> certificatesByPath;
    private final boolean verifiedPeerIsAuthorized;
    private final ListenerScopes scopes;

    /**
     * Without scopes: Basic authentication against {@code defaultAuth} (none when null) or the path's file.
     *
     * @param openPaths paths served besides the VASP paths, without credentials (the simulated MMSC's)
     */
    public ListenerPolicy(VaspPaths paths, Set<String> openPaths, List<CidrRange> allow, List<CidrRange> deny, CredentialsFile defaultAuth,
                          Map<String, CredentialsFile> authByPath, long maxRequestSize) {
        this(paths, openPaths, allow, deny, authByPath, Map.of(), false, new ListenerScopes(new ScopeOptions(false, false,
                new HttpAuthentication(List.of("basic"), Duration.ofMinutes(5)), defaultAuth, maxRequestSize, 0, ServerTls.VerifyMode.NONE, false),
                List.of(), List.of()));
    }

    ListenerPolicy(VaspPaths paths, Set<String> openPaths, List<CidrRange> allow, List<CidrRange> deny, Map<String, CredentialsFile> authByPath,
                   Map<String, CertificateAllowList> certificatesByPath, boolean verifiedPeerIsAuthorized, ListenerScopes scopes) {
        this.paths = paths;
        this.openPaths = Set.copyOf(openPaths);
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        this.authByPath = Map.copyOf(authByPath);
        this.certificatesByPath = Map.copyOf(certificatesByPath);
        this.verifiedPeerIsAuthorized = verifiedPeerIsAuthorized;
        this.scopes = scopes;
    }

    /**
     * The policy of {@code mm7.server.allow}, {@code .deny}, {@code .path.<name>.auth-file},
     * {@code .path.<name>.tls-peers} and {@code .tls.verified-peer-is-authorized}, with the listener's
     * scopes (which hold {@code .auth-file}, {@code .auth-schemes}, {@code .max-request-size} and the rest).
     */
    public static ListenerPolicy from(Settings settings, VaspPaths paths, Set<String> openPaths, ListenerScopes scopes) {
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
                byPath, certificates, settings.bool("mm7.server.tls.verified-peer-is-authorized"), scopes);
    }

    /** The options that apply to a request from {@code peer} on the socket {@code local}:{@code localPort}. */
    public ScopeOptions scopeOf(String peer, String local, int localPort) {
        return scopes.resolve(local, localPort, peer);
    }

    /** Null when the request may go on. */
    public Refusal check(Request request) {
        return check(request, scopeOf(request.peer(), request.local(), request.localPort()));
    }

    /** Null when the request may go on; {@code scope}: {@link #scopeOf} for it. */
    public Refusal check(Request request, ScopeOptions scope) {
        String peer = request.peer();
        if (!peerAllowed(peer)) {
            return new Refusal(403, "peer " + peer + " is not allowed by mm7.server.allow/deny");
        }
        if (scope.denied()) {
            return new Refusal(403, "peer " + peer + " is refused by always-deny");
        }
        String rawPath = request.path();
        if (!isNormalForm(rawPath)) {
            return new Refusal(400, "path is not in normal form (dot or empty segments, percent-encoding)");
        }
        X509Certificate certificate = scope.tlsVerifyMode() == ServerTls.VerifyMode.NONE ? null : request.certificate();
        String vaspPath = paths.serving(rawPath);
        boolean openPath = vaspPath == null && servesOpenPath(rawPath);
        boolean certified = verifiedPeerIsAuthorized && certificate != null;
        if (!openPath && !scope.allowedWithoutCredentials() && !certified) {
            Refusal refusal = authenticate(request, scope, vaspPath);
            if (refusal != null) {
                return refusal;
            }
        }
        if (request.tls() && scope.tlsVerifyMode() == ServerTls.VerifyMode.REQUIRE && certificate == null) {
            return new Refusal(403, "no verified client certificate where tls-verify-mode is require");
        }
        if (vaspPath == null && !openPath) {
            return new Refusal(404, "no VASP path serves it");
        }
        if (!"POST".equals(request.method())) {
            return new Refusal(405, "only POST is served");
        }
        CertificateAllowList allowed = vaspPath == null ? null : certificatesByPath.get(vaspPath);
        if (allowed != null && !allowed.allows(certificate)) {
            return new Refusal(403, CertificateAllowList.describe(certificate) + " is not in the path's tls-peers");
        }
        Long contentLength = request.contentLength();
        if (contentLength != null && contentLength > scope.maxRequestSize()) {
            return new Refusal(413, "request of " + contentLength + " bytes is over max-request-size " + scope.maxRequestSize());
        }
        return null;
    }

    /**
     * The credentials of a request, against its path's file, else its scope's. A path no VASP path
     * serves is answered 404 only to a peer whose credentials some file holds, as its 401 would
     * otherwise tell a path that exists from one that does not.
     */
    private Refusal authenticate(Request request, ScopeOptions scope, String vaspPath) {
        HttpAuthentication authentication = scope.authentication();
        CredentialsFile file = vaspPath != null ? authByPath.getOrDefault(vaspPath, scope.authFile()) : scope.authFile();
        if (file != null) {
            return authentication.check(request, file);
        }
        if (vaspPath != null || authByPath.isEmpty()) {
            return null;
        }
        Refusal refusal = null;
        for (CredentialsFile any : authByPath.values()) {
            refusal = authentication.check(request, any);
            if (refusal == null) {
                return null;
            }
        }
        return refusal;
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

    /** Whether a path besides the VASP paths serves it (the simulated MMSC's). */
    boolean servesOpenPath(String path) {
        for (String open : openPaths) {
            if (path.startsWith(open) || path.equals(open.substring(0, open.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a connection from {@code peer} may hold a connection slot: the ACL lets it in and its
     * scope does not always deny it (a refused peer's flood cannot lock the configured MMSCs out).
     */
    boolean takesSlot(String peer, ScopeOptions scope) {
        return peerAllowed(peer) && !scope.denied();
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
