package org.camelmm7.listener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camelmm7.support.HttpDigest;

/**
 * HTTP Digest authentication on the listener (RFC 7616, {@code qop=auth}; Momentum's
 * {@code AuthDigestMD5Parameters}), against the passwords of a {@link CredentialsFile}.
 *
 * <p>Nonces are made here and carry their own expiry under an HMAC with a key of this process,
 * so the listener keeps nothing for a nonce until it is used. A used nonce remembers the nonce
 * counts it was used with; a count used before is refused, so a captured request cannot be played
 * again, while requests sent at once on one nonce may arrive in any order (within the last
 * {@value #COUNTS_PER_NONCE} counts). After {@value #COUNTS_PER_NONCE} uses a nonce is answered as
 * stale; at most {@value #MAX_NONCES} nonces are remembered at once.
 * An expired nonce, or one from before a restart, gets a fresh challenge marked {@code stale}
 * when the credentials were right, and the client repeats the request without asking its user.
 */
final class DigestAuthentication {

    static final String REALM = "mm7";
    private static final int NONCE_BYTES = 8 + 16 + 16; // expiry, random, MAC
    static final int COUNTS_PER_NONCE = 4096;
    /** Nonces remembered at most: about 8 MB. */
    static final int MAX_NONCES = 16_384;

    /** Why a Digest Authorization header was not accepted; null when it was. */
    enum Failure {
        MALFORMED("malformed Digest credentials"), WRONG("wrong credentials"), STALE("expired or unknown nonce"),
        REPLAYED("nonce count used before (a replayed request)");

        final String reason;

        Failure(String reason) {
            this.reason = reason;
        }
    }

    private final List<HttpDigest.Algorithm> algorithms;
    private final long nonceLifetimeMillis;
    private final int maxNonces;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];
    private final String opaque;
    /** nonce -> its expiry and the nonce counts it was used with, for nonces not yet expired */
    private final Map<String, Use> uses = new ConcurrentHashMap<>();
    private final AtomicLong nextForget = new AtomicLong();
    /** One keyed HMAC per thread: looking the algorithm up for every request costs more than using it. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * The nonce counts one nonce was used with: the highest, and which of the
     * {@value #COUNTS_PER_NONCE} below it were used (a ring of bits, as IPsec's anti-replay
     * window): at most 512 bytes a nonce however it is used, where a set of counts grew by each.
     */
    private static final class Use {
        final long expiry;
        private final BitSet window = new BitSet(COUNTS_PER_NONCE);
        private long highest;
        private int used;

        Use(long expiry) {
            this.expiry = expiry;
        }

        /** False for a count used before or too far below the highest to tell. */
        synchronized Failure use(long count) {
            if (used >= COUNTS_PER_NONCE) {
                return Failure.STALE;
            }
            if (count > highest) {
                for (long c = Math.max(highest + 1, count - COUNTS_PER_NONCE + 1); c < count; c++) {
                    window.clear(slot(c));
                }
                window.set(slot(count));
                highest = count;
            } else if (count <= 0 || highest - count >= COUNTS_PER_NONCE || window.get(slot(count))) {
                return Failure.REPLAYED;
            } else {
                window.set(slot(count));
            }
            used++;
            return null;
        }

        private static int slot(long count) {
            return (int) (count % COUNTS_PER_NONCE);
        }
    }

    DigestAuthentication(List<HttpDigest.Algorithm> algorithms, Duration nonceLifetime, LongSupplier clock) {
        this(algorithms, nonceLifetime, clock, MAX_NONCES);
    }

    DigestAuthentication(List<HttpDigest.Algorithm> algorithms, Duration nonceLifetime, LongSupplier clock, int maxNonces) {
        this.maxNonces = maxNonces;
        this.algorithms = List.copyOf(algorithms);
        this.nonceLifetimeMillis = nonceLifetime.toMillis();
        this.clock = clock;
        random.nextBytes(key);
        byte[] o = new byte[12];
        random.nextBytes(o);
        this.opaque = Base64.getUrlEncoder().withoutPadding().encodeToString(o);
    }

    /** One WWW-Authenticate value per algorithm, each with a new nonce. */
    List<String> challenges(boolean stale) {
        List<String> challenges = new ArrayList<>();
        for (HttpDigest.Algorithm a : algorithms) {
            challenges.add("Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=" + a.token() + ", nonce=\"" + newNonce()
                    + "\", opaque=\"" + opaque + "\", charset=UTF-8" + (stale ? ", stale=true" : ""));
        }
        return challenges;
    }

    /** Null when {@code credentials} (after "Digest ") prove the user knows the password for this request. */
    Failure check(String credentials, String method, String target, CredentialsFile users) {
        Map<String, String> p = HttpDigest.parameters(credentials);
        if (p == null) {
            return Failure.MALFORMED;
        }
        HttpDigest.Algorithm algorithm = HttpDigest.Algorithm.of(p.getOrDefault("algorithm", "MD5"));
        String user = p.get("username");
        String nonce = p.get("nonce");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        String response = p.get("response");
        if (algorithm == null || !algorithms.contains(algorithm) || user == null || nonce == null || cnonce == null || response == null
                || !"auth".equals(p.get("qop")) || nc == null || !nc.matches("[0-9a-fA-F]{8}") || !REALM.equals(p.get("realm"))) {
            return Failure.MALFORMED; // without qop=auth a response could be replayed at will
        }
        if (!target.equals(p.get("uri"))) {
            return Failure.WRONG; // credentials made for another request
        }
        byte[] password = users.password(user);
        if (password == null) {
            return Failure.WRONG;
        }
        String expected = HttpDigest.response(algorithm, user, REALM, new String(password, StandardCharsets.UTF_8), method, target, nonce, nc,
                cnonce);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), response.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return Failure.WRONG;
        }
        long expiry = expiryOf(nonce);
        long now = clock.getAsLong();
        if (expiry < now) {
            return Failure.STALE;
        }
        forgetExpired(now);
        Use use = uses.get(nonce);
        if (use == null) {
            makeRoom(now);
            use = uses.computeIfAbsent(nonce, n -> new Use(expiry));
        }
        return use.use(Long.parseLong(nc, 16));
    }

    /**
     * At most {@code maxNonces} nonces are remembered (an authenticated peer could otherwise make
     * the listener hold one per request for the nonce lifetime): past that, the expired go, then
     * the one that expires first; its next use is answered stale and the peer simply takes a new one.
     */
    private void makeRoom(long now) {
        if (uses.size() < maxNonces) {
            return;
        }
        uses.values().removeIf(u -> u.expiry < now);
        while (uses.size() >= maxNonces) {
            uses.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparingLong(u -> u.expiry)))
                    .ifPresent(oldest -> uses.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    /** Nonces remembered, for tests. */
    int remembered() {
        return uses.size();
    }

    private String newNonce() {
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(clock.getAsLong() + nonceLifetimeMillis);
        byte[] r = new byte[16];
        random.nextBytes(r);
        b.put(r);
        b.put(mac(Arrays.copyOf(b.array(), 24)), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** The expiry a nonce of ours carries; {@code Long.MIN_VALUE} for anything we did not make. */
    private long expiryOf(String nonce) {
        byte[] b;
        try {
            b = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Long.MIN_VALUE;
        }
        if (b.length != NONCE_BYTES || !MessageDigest.isEqual(Arrays.copyOfRange(b, 24, 40), Arrays.copyOf(mac(Arrays.copyOf(b, 24)), 16))) {
            return Long.MIN_VALUE;
        }
        return ByteBuffer.wrap(b).getLong();
    }

    /** Expired nonces are let go at most once a second, by whichever request comes first. */
    private void forgetExpired(long now) {
        long next = nextForget.get();
        if (now >= next && nextForget.compareAndSet(next, now + 1000)) {
            uses.values().removeIf(u -> u.expiry < now);
        }
    }

    private byte[] mac(byte[] data) {
        return macs.get().doFinal(data);
    }
}
