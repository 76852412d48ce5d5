package org.camelmm7.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camelmm7.support.HttpDigest;
import org.camelmm7.support.Settings;

/**
 * The HTTP authentication schemes a VASP path takes ({@code mm7.server.auth-schemes}): Basic
 * (Momentum's AuthPlainParameters) and Digest with SHA-256 or MD5 (AuthDigestMD5Parameters), all
 * against the path's credentials file. A refusal offers every configured scheme, in that order.
 */
final class HttpAuthentication {

    private final boolean basic;
    private final DigestAuthentication digest;

    HttpAuthentication(List<String> schemes, Duration nonceLifetime) {
        this(schemes, nonceLifetime, "mm7.server.auth-schemes");
    }

    /** @param key the configuration key the schemes come from, for the message when one is wrong */
    HttpAuthentication(List<String> schemes, Duration nonceLifetime, String key) {
        List<HttpDigest.Algorithm> digests = new ArrayList<>();
        boolean b = false;
        for (String scheme : schemes) {
            switch (scheme.trim().toLowerCase(Locale.ROOT)) {
                case "basic" -> b = true;
                case "digest-sha-256" -> digests.add(HttpDigest.Algorithm.SHA_256);
                case "digest-md5" -> digests.add(HttpDigest.Algorithm.MD5);
                default -> throw new IllegalArgumentException(key + ": '" + scheme + "' is not basic, digest-sha-256 or digest-md5");
            }
        }
        if (!b && digests.isEmpty()) {
            throw new IllegalArgumentException(key + ": name at least one of basic, digest-sha-256, digest-md5");
        }
        this.basic = b;
        this.digest = digests.isEmpty() ? null : new DigestAuthentication(digests, nonceLifetime, System::currentTimeMillis);
    }

    static HttpAuthentication from(Settings settings) {
        return new HttpAuthentication(settings.list("mm7.server.auth-schemes"), settings.seconds("mm7.server.digest.nonce-lifetime"));
    }

    /** Null when the request's credentials are in {@code users}; else a 401 with the challenges. */
    ListenerPolicy.Refusal check(ListenerPolicy.Request request, CredentialsFile users) {
        String authorization = request.authorization();
        if (authorization == null) {
            return refusal("no credentials", false);
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (!basic) {
                return refusal("Basic credentials where mm7.server.auth-schemes does not take them", false);
            }
            return users.accepts(authorization) ? null : refusal("wrong credentials", false);
        }
        if (authorization.regionMatches(true, 0, "Digest ", 0, 7) && digest != null) {
            DigestAuthentication.Failure failure = digest.check(authorization.substring(7), request.method(), request.target(), users);
            return failure == null ? null : refusal(failure.reason, failure == DigestAuthentication.Failure.STALE);
        }
        return refusal("credentials of a scheme not taken", false);
    }

    private ListenerPolicy.Refusal refusal(String reason, boolean stale) {
        List<String> challenges = new ArrayList<>();
        if (digest != null) {
            challenges.addAll(digest.challenges(stale));
        }
        if (basic) {
            challenges.add("Basic realm=\"" + DigestAuthentication.REALM + "\", charset=\"UTF-8\"");
        }
        return new ListenerPolicy.Refusal(401, reason, challenges);
    }
}
