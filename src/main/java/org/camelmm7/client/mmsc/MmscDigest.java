package org.camelmm7.client.mmsc;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.auth.HttpAuthSupplier;
import org.camelmm7.support.HttpDigest;

/**
 * Answers an MMSC's HTTP Digest challenge (RFC 7616, {@code qop=auth}), preferring SHA-256 to MD5
 * when it offers both. The last challenge is kept, so the next SubmitReqs carry their credentials
 * at once with a rising nonce count, until the MMSC asks again (an expired nonce).
 */
final class MmscDigest implements HttpAuthSupplier {

    /** Where one challenge starts in the WWW-Authenticate values CXF joins with commas. */
    private static final Pattern CHALLENGE = Pattern.compile("(?:^|,)\\s*([A-Za-z][A-Za-z0-9_-]*)\\s+(?=[A-Za-z0-9_-]+\\s*=)");

    private final String user;
    private final String password;
    private final SecureRandom random = new SecureRandom();
    private Challenge last;
    private long count;

    private record Challenge(HttpDigest.Algorithm algorithm, String realm, String nonce, String opaque) {
    }

    MmscDigest(String user, String password) {
        this.user = user;
        this.password = password;
    }

    @Override
    public boolean requiresRequestCaching() {
        return true; // the SubmitReq is sent again after the challenge
    }

    @Override
    public synchronized String getAuthorization(AuthorizationPolicy policy, URI uri, Message message, String challenges) {
        if (challenges != null) {
            Challenge chosen = choose(challenges);
            if (chosen == null) {
                return null; // nothing we can answer: the 401 stands and is read as the MMSC's answer
            }
            last = chosen;
            count = 0;
        }
        if (last == null) {
            return null;
        }
        String method = message.get(Message.HTTP_REQUEST_METHOD) instanceof String m ? m : "POST";
        String target = uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        String nc = String.format("%08x", ++count);
        byte[] c = new byte[12];
        random.nextBytes(c);
        String cnonce = HexFormat.of().formatHex(c);
        String response = HttpDigest.response(last.algorithm(), user, last.realm(), password, method, target, last.nonce(), nc, cnonce);
        return "Digest username=\"" + quoted(user) + "\", realm=\"" + quoted(last.realm()) + "\", nonce=\"" + quoted(last.nonce())
                + "\", uri=\"" + quoted(target) + "\", algorithm=" + last.algorithm().token() + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce
                + "\", response=\"" + response + "\"" + (last.opaque() != null ? ", opaque=\"" + quoted(last.opaque()) + "\"" : "");
    }

    /** The strongest Digest challenge with qop=auth among the WWW-Authenticate values. */
    static Challenge choose(String challenges) {
        Challenge best = null;
        Matcher m = CHALLENGE.matcher(challenges);
        int start = -1;
        String scheme = null;
        while (true) {
            boolean found = m.find();
            if (start >= 0 && "digest".equalsIgnoreCase(scheme)) {
                Challenge c = parse(challenges.substring(start, found ? m.start() : challenges.length()));
                if (c != null && (best == null || c.algorithm().ordinal() < best.algorithm().ordinal())) {
                    best = c;
                }
            }
            if (!found) {
                return best;
            }
            scheme = m.group(1);
            start = m.end();
        }
    }

    private static Challenge parse(String params) {
        Map<String, String> p = HttpDigest.parameters(params);
        if (p == null || p.get("nonce") == null || p.get("realm") == null) {
            return null;
        }
        HttpDigest.Algorithm algorithm = HttpDigest.Algorithm.of(p.getOrDefault("algorithm", "MD5"));
        String qop = p.getOrDefault("qop", "");
        if (algorithm == null || !qop.matches("(?i)(.*,\\s*)?auth(\\s*,.*)?")) {
            return null;
        }
        return new Challenge(algorithm, p.get("realm"), p.get("nonce"), p.get("opaque"));
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
