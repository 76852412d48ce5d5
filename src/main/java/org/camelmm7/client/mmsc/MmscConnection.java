package org.camelmm7.client.mmsc;

import java.security.GeneralSecurityException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

import org.camelmm7.support.TlsFiles;

/**
 * How the client reaches one MMSC beyond its URL: the TLS trust and client certificate for
 * {@code https://} MMSCs, whether the MMSC's host name is checked against its certificate, the
 * HTTP version ({@code http_version}), whether requests may be chunked ({@code disable_chunked}),
 * and credentials for an MMSC that asks for HTTP Digest. Per MM7 domain, under
 * {@code mm7.client.domain.<name>.}.
 *
 * @param trust          CAs the MMSC's certificate must chain to; null: the JDK's own
 * @param identity       the client certificate to present; null: none
 * @param disableChunked true: every request carries a Content-Length (the whole SubmitReq is in memory anyway)
 * @param digestUser     with {@code digestPassword}: answer a Digest challenge (SHA-256 or MD5); null: no Digest
 */
public record MmscConnection(TlsFiles.Trust trust, TlsFiles.Identity identity, boolean verifyHostname, String httpVersion, boolean disableChunked,
                             String digestUser, String digestPassword) {

    /**
     * @param verifyHostname {@code tls.verify-hostname}, and {@code disableChunked} {@code disable-chunked}, as the domain read them
     */
    public static MmscConnection read(Function<String, String> option, String prefix, boolean verifyHostname, boolean disableChunked) {
        String certificate = option.apply("tls.certificate");
        String keystore = option.apply("tls.keystore");
        TlsFiles.Identity identity = certificate == null && keystore == null ? null
                : TlsFiles.identity(certificate, option.apply("tls.key"), keystore, option.apply("tls.keystore-password"), prefix + "tls");
        String version = option.apply("http-version").trim();
        if (!version.equals("1.1")) {
            // the JDK's HTTP client speaks 1.1 and 2 only; MMSCs speak 1.1
            throw new IllegalArgumentException(prefix + "http-version: '" + version + "' is not supported; MM7 goes over HTTP/1.1");
        }
        String digest = option.apply("digest-auth");
        int colon = digest == null ? -1 : digest.indexOf(':');
        if (digest != null && colon <= 0) {
            throw new IllegalArgumentException(prefix + "digest-auth: write user:password");
        }
        MmscConnection c = new MmscConnection(TlsFiles.trust(option.apply("tls.trust-store"), option.apply("tls.trust-store-password")), identity,
                verifyHostname, version, disableChunked,
                digest == null ? null : digest.substring(0, colon), digest == null ? null : digest.substring(colon + 1));
        if (c.trust != null || c.identity != null) {
            c.sslContext(); // unreadable files are refused at startup
        }
        return c;
    }

    /** The SSLContext for this MMSC: its trust store, our certificate; null when both are the JDK's defaults. */
    SSLContext sslContext() {
        if (trust == null && identity == null) {
            return null;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : identity.keyManagers(), trust == null ? null : trust.trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS context for the MMSC: " + e.getMessage(), e);
        }
    }
}
