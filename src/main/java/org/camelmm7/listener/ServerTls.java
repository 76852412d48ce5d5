package org.camelmm7.listener;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SSLOptions;

import org.camelmm7.support.Settings;
import org.camelmm7.support.TlsFiles;

/**
 * The TLS side of the listener's {@code tls} sockets (Momentum's {@code tls_certificate},
 * {@code tls_key}, {@code tls_ciphers}, {@code tls_protocols}, {@code tls_client_ca},
 * {@code tls_verify_mode} and {@code tls_verified_peer_is_authorized}).
 *
 * @param verifyMode            whether a client certificate is asked for: none, optional (verified when presented), require
 * @param verifiedPeerIsAuthorized a verified client certificate stands in for the path's credentials
 */
public record ServerTls(TlsFiles.Identity identity, TlsFiles.Trust clientCa, VerifyMode verifyMode, boolean verifiedPeerIsAuthorized,
                        Set<String> protocols, List<String> ciphers, int handshakeTimeoutSeconds) {

    /** Momentum's {@code tls_verify_mode}. */
    public enum VerifyMode {
        NONE(ClientAuth.NONE), OPTIONAL(ClientAuth.REQUEST), REQUIRE(ClientAuth.REQUIRED);

        final ClientAuth clientAuth;

        VerifyMode(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
        }

        static VerifyMode of(String value, String key) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": '" + value + "' is not none, optional or require");
            }
        }
    }

    /**
     * Null when no listen address speaks TLS.
     *
     * @param certificatesAsked whether any scope's verify mode asks for client certificates
     */
    public static ServerTls from(Settings settings, boolean needed, boolean certificatesAsked) {
        if (!needed) {
            return null;
        }
        VerifyMode mode = VerifyMode.of(settings.get("mm7.server.tls.verify-mode"), "mm7.server.tls.verify-mode");
        TlsFiles.Trust clientCa = TlsFiles.trust(settings.optional("mm7.server.tls.client-ca"), settings.optional("mm7.server.tls.client-ca-password"));
        if (certificatesAsked && clientCa == null) {
            throw new IllegalArgumentException("a tls verify-mode other than none (mm7.server.tls.verify-mode " + mode.name().toLowerCase(Locale.ROOT)
                    + ", or a scope's tls-verify-mode) needs mm7.server.tls.client-ca (the CAs whose client certificates are verified)");
        }
        boolean peerIsAuthorized = settings.bool("mm7.server.tls.verified-peer-is-authorized");
        if (peerIsAuthorized && !certificatesAsked) {
            throw new IllegalArgumentException("mm7.server.tls.verified-peer-is-authorized needs mm7.server.tls.verify-mode optional or require");
        }
        ServerTls tls = new ServerTls(
                TlsFiles.identity(settings.optional("mm7.server.tls.certificate"), settings.optional("mm7.server.tls.key"),
                        settings.optional("mm7.server.tls.keystore"), settings.optional("mm7.server.tls.keystore-password"), "mm7.server.tls"),
                clientCa, mode, peerIsAuthorized, new LinkedHashSet<>(settings.list("mm7.server.tls.protocols")),
                settings.list("mm7.server.tls.ciphers"), settings.integer("mm7.server.request-read-timeout"));
        tls.sslOptions(); // refuse unreadable files at startup
        return tls;
    }

    /** The options of a TLS socket: the plain socket's, with TLS on, the material of {@link #sslOptions()} and the handshake's verify mode. */
    HttpServerOptions apply(HttpServerOptions plain, SSLOptions ssl, VerifyMode handshake) {
        HttpServerOptions options = new HttpServerOptions(plain).setSsl(true).setClientAuth(handshake.clientAuth);
        options.setKeyCertOptions(ssl.getKeyCertOptions()).setTrustOptions(ssl.getTrustOptions())
                .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols())
                .setSslHandshakeTimeout(ssl.getSslHandshakeTimeout()).setSslHandshakeTimeoutUnit(ssl.getSslHandshakeTimeoutUnit());
        ssl.getEnabledCipherSuites().forEach(options::addEnabledCipherSuite);
        return options;
    }

    /** Read from the files now: what a running socket is updated with when they change. */
    SSLOptions sslOptions() {
        identity.checkKeyMatchesCertificate();
        SSLOptions ssl = new SSLOptions().setKeyCertOptions(identity.options())
                .setEnabledSecureTransportProtocols(protocols)
                // a handshake left half-done is cut off like a request that never arrives
                .setSslHandshakeTimeout(handshakeTimeoutSeconds).setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
        if (clientCa != null) {
            ssl.setTrustOptions(clientCa.options());
        }
        ciphers.forEach(ssl::addEnabledCipherSuite);
        return ssl;
    }

    TlsFiles files() {
        return TlsFiles.watching(identity, clientCa);
    }
}
