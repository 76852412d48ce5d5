package org.camelmm7.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.camelmm7.support.HttpDigest;
import org.camelmm7.support.HttpDigest.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestAuthenticationTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void responsesAreComputedAsInTheExamplesOfRfc7616() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertThat(HttpDigest.response(Algorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", nonce,
                "00000001", cnonce)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(HttpDigest.response(Algorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", nonce,
                "00000001", cnonce)).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void theRightPasswordIsAcceptedOncePerNonceCountInAnyOrder() throws Exception {
        DigestAuthentication digest = new DigestAuthentication(List.of(Algorithm.SHA_256, Algorithm.MD5), Duration.ofMinutes(5), now::get);
        CredentialsFile users = users();
        for (Algorithm a : Algorithm.values()) {
            String nonce = nonceOf(digest, a);
            assertThat(digest.check(credentials(a, nonce, "00000002", "s3cret", "/mm7/"), "POST", "/mm7/", users)).isNull();
            // requests sent at once may arrive out of order
            assertThat(digest.check(credentials(a, nonce, "00000001", "s3cret", "/mm7/"), "POST", "/mm7/", users)).isNull();
            // the same request again is a replay
            assertThat(digest.check(credentials(a, nonce, "00000002", "s3cret", "/mm7/"), "POST", "/mm7/", users))
                    .isEqualTo(DigestAuthentication.Failure.REPLAYED);
            assertThat(digest.check(credentials(a, nonce, "00000003", "wrong", "/mm7/"), "POST", "/mm7/", users))
                    .isEqualTo(DigestAuthentication.Failure.WRONG);
            // credentials made for another request target
            assertThat(digest.check(credentials(a, nonce, "00000004", "s3cret", "/other/"), "POST", "/mm7/", users))
                    .isEqualTo(DigestAuthentication.Failure.WRONG);
        }
    }

    /**
     * What an authenticated peer can make the listener hold is bounded: nonces beyond the cap push
     * out the one that expires first (its next use is stale, and the peer takes a new nonce), and
     * one nonce used many times holds a fixed window of counts, counts far below it refused.
     */
    @Test
    void rememberedNoncesAndCountsAreBounded() throws Exception {
        DigestAuthentication digest = new DigestAuthentication(List.of(Algorithm.SHA_256), Duration.ofMinutes(5), now::get, 3);
        CredentialsFile users = users();
        List<String> nonces = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            nonces.add(nonceOf(digest, Algorithm.SHA_256));
            now.addAndGet(1000);
            assertThat(digest.check(credentials(Algorithm.SHA_256, nonces.get(i), "00000001", "s3cret", "/mm7/"), "POST", "/mm7/", users)).isNull();
        }
        assertThat(digest.remembered()).isEqualTo(3);
        // the newest are kept (a replay there is still one), the oldest were let go
        assertThat(digest.check(credentials(Algorithm.SHA_256, nonces.get(4), "00000001", "s3cret", "/mm7/"), "POST", "/mm7/", users))
                .isEqualTo(DigestAuthentication.Failure.REPLAYED);

        String busy = nonceOf(digest, Algorithm.SHA_256);
        assertThat(digest.check(credentials(Algorithm.SHA_256, busy, "00001388", "s3cret", "/mm7/"), "POST", "/mm7/", users)).isNull();
        assertThat(digest.check(credentials(Algorithm.SHA_256, busy, "00000100", "s3cret", "/mm7/"), "POST", "/mm7/", users))
                .as("5000 counts below the highest: too old to tell, refused").isEqualTo(DigestAuthentication.Failure.REPLAYED);
        assertThat(digest.check(credentials(Algorithm.SHA_256, busy, "00001000", "s3cret", "/mm7/"), "POST", "/mm7/", users))
                .as("within the window, unused").isNull();
        assertThat(digest.check(credentials(Algorithm.SHA_256, busy, "00001000", "s3cret", "/mm7/"), "POST", "/mm7/", users))
                .isEqualTo(DigestAuthentication.Failure.REPLAYED);
    }

    @Test
    void nonceExpiresAndForgedNoncesAreNotOurs() throws Exception {
        DigestAuthentication digest = new DigestAuthentication(List.of(Algorithm.SHA_256), Duration.ofSeconds(300), now::get);
        CredentialsFile users = users();
        String nonce = nonceOf(digest, Algorithm.SHA_256);
        now.addAndGet(301_000);
        assertThat(digest.check(credentials(Algorithm.SHA_256, nonce, "00000001", "s3cret", "/mm7/"), "POST", "/mm7/", users))
                .isEqualTo(DigestAuthentication.Failure.STALE);
        assertThat(digest.challenges(true)).allSatisfy(c -> assertThat(c).endsWith("stale=true"));
        String forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(digest.check(credentials(Algorithm.SHA_256, forged, "00000001", "s3cret", "/mm7/"), "POST", "/mm7/", users))
                .isEqualTo(DigestAuthentication.Failure.STALE);
        assertThat(digest.remembered()).isZero();
    }

    @Test
    void credentialsWithoutQopOrWithAnAlgorithmNotOfferedAreRefused() throws Exception {
        DigestAuthentication digest = new DigestAuthentication(List.of(Algorithm.SHA_256), Duration.ofMinutes(5), now::get);
        CredentialsFile users = users();
        String nonce = nonceOf(digest, Algorithm.SHA_256);
        String good = credentials(Algorithm.SHA_256, nonce, "00000001", "s3cret", "/mm7/");
        assertThat(digest.check(good.replace("qop=auth, ", ""), "POST", "/mm7/", users)).isEqualTo(DigestAuthentication.Failure.MALFORMED);
        assertThat(digest.check(credentials(Algorithm.MD5, nonce, "00000001", "s3cret", "/mm7/"), "POST", "/mm7/", users))
                .isEqualTo(DigestAuthentication.Failure.MALFORMED);
        assertThat(digest.check("username=\"mmsc", "POST", "/mm7/", users)).isEqualTo(DigestAuthentication.Failure.MALFORMED);
        assertThat(digest.check(good, "POST", "/mm7/", users)).isNull();
    }

    @Test
    void hostileCredentialsAreRefusedWithoutAnException() throws Exception {
        DigestAuthentication digest = new DigestAuthentication(List.of(Algorithm.SHA_256), Duration.ofMinutes(5), now::get);
        CredentialsFile users = users();
        String nonce = nonceOf(digest, Algorithm.SHA_256);
        String good = credentials(Algorithm.SHA_256, nonce, "00000001", "s3cret", "/mm7/");
        List<String> hostile = List.of("", ",,,,", "=", "username", "username=\"", "username=\"mmsc\\\"", good + ", username=\"other\"",
                good.replace("nc=00000001", "nc=ffffffffffffffffffff"), good.replace("nc=00000001", "nc=0000000g"),
                good.replace("nc=00000001", "nc=-0000001"), good.replace(nonce, "%%%%"), good.replace(nonce, nonce + "A"),
                good.replace("realm=\"mm7\"", "realm=\"mm7, qop=auth\""), "x".repeat(100_000) + "=" + "y".repeat(100_000),
                good.replace("username=\"mmsc\"", "username=\"mmsc\u0000\""), good.replace("response=\"", "response=\"zz"));
        for (String h : hostile) {
            assertThat(digest.check(h, "POST", "/mm7/", users)).as(h.length() > 80 ? h.substring(0, 80) : h).isNotNull();
        }
        assertThat(digest.check(good, "POST", "/mm7/", users)).isNull();
    }

    private CredentialsFile users() throws Exception {
        return new CredentialsFile(Files.writeString(dir.resolve("users"), "mmsc:s3cret\n"));
    }

    private static String nonceOf(DigestAuthentication digest, Algorithm algorithm) {
        String challenge = digest.challenges(false).stream().filter(c -> c.contains("algorithm=" + algorithm.token() + ",")).findFirst().orElseThrow();
        Map<String, String> p = HttpDigest.parameters(challenge.substring("Digest ".length()));
        assertThat(p).containsEntry("realm", "mm7").containsEntry("qop", "auth");
        return p.get("nonce");
    }

    private static String credentials(Algorithm a, String nonce, String nc, String password, String uri) {
        String cnonce = "0a4f113b";
        return "username=\"mmsc\", realm=\"mm7\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", algorithm=" + a.token() + ", qop=auth, nc=" + nc
                + ", cnonce=\"" + cnonce + "\", response=\"" + HttpDigest.response(a, "mmsc", "mm7", password, "POST", uri, nonce, nc, cnonce) + "\"";
    }
}
