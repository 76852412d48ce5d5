package org.camelmm7.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;

/**
 * TLS material from files, as operators keep it: a certificate chain and its key as PEM files
 * (Momentum's {@code tls_certificate} and {@code tls_key}) or one PKCS#12/JKS keystore, and
 * trusted certificates as a PEM bundle or a keystore. The files are read into values (Vert.x
 * parses PEM, PKCS#1 and PKCS#8 keys), so options read after a file changed differ from the
 * ones before, and {@link #changed()} says when to read them again.
 */
public final class TlsFiles {

    private final List<Path> files;
    private List<Object> stamps;

    private TlsFiles(List<Path> files) {
        this.files = files;
        this.stamps = stamps();
    }

    /** A certificate chain and its key: PEM {@code certificate} and {@code key}, or a {@code keystore}. */
    public static Identity identity(String certificate, String key, String keystore, String password, String what) {
        if (keystore != null) {
            return new Identity(Path.of(keystore), null, password);
        }
        if (certificate == null || key == null) {
            throw new IllegalArgumentException(what + ": set a PEM certificate and key, or a keystore");
        }
        return new Identity(Path.of(certificate), Path.of(key), null);
    }

    /** Trusted certificates: a PEM bundle, or a keystore (by its extension .p12, .pfx or .jks). */
    public static Trust trust(String file, String password) {
        return file == null ? null : new Trust(Path.of(file), password);
    }

    /** Watches the files of these, so that {@link #changed()} tells when any was replaced. */
    public static TlsFiles watching(Identity identity, Trust trust) {
        List<Path> files = new ArrayList<>();
        if (identity != null) {
            files.add(identity.certificateOrKeystore());
            if (identity.key() != null) {
                files.add(identity.key());
            }
        }
        if (trust != null) {
            files.add(trust.file());
        }
        return new TlsFiles(files);
    }

    /** True once after any file changed (modification time or size) since the last call. */
    public synchronized boolean changed() {
        List<Object> now = stamps();
        if (now.equals(stamps)) {
            return false;
        }
        stamps = now;
        return true;
    }

    private List<Object> stamps() {
        List<Object> s = new ArrayList<>();
        for (Path f : files) {
            try {
                s.add(Files.getLastModifiedTime(f));
                s.add(Files.size(f));
            } catch (IOException e) {
                s.add(null); // being replaced: looked at again next time
            }
        }
        return s;
    }

    /** Our certificate and key. */
    public record Identity(Path certificateOrKeystore, Path key, String password) {

        public KeyCertOptions options() {
            if (key == null) {
                return keystore(certificateOrKeystore, password);
            }
            return new PemKeyCertOptions().addCertValue(read(certificateOrKeystore)).addKeyValue(read(key));
        }

        /**
         * Refuses a key that does not belong to the certificate, as when the files are caught half
         * replaced (the key renewed, the certificate not yet): serving them would fail every handshake.
         */
        public void checkKeyMatchesCertificate() {
            for (KeyManager km : keyManagers()) {
                if (km instanceof X509KeyManager x509) {
                    for (String type : new String[] {"RSA", "EC"}) {
                        String[] aliases = x509.getServerAliases(type, null);
                        for (String alias : aliases == null ? new String[0] : aliases) {
                            check(x509.getPrivateKey(alias), x509.getCertificateChain(alias));
                        }
                    }
                }
            }
        }

        private void check(PrivateKey key, X509Certificate[] chain) {
            if (key == null || chain == null || chain.length == 0) {
                return;
            }
            try {
                String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
                byte[] probe = "mm7-gateway key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                Signature sign = Signature.getInstance(algorithm);
                sign.initSign(key);
                sign.update(probe);
                byte[] signature = sign.sign();
                Signature verify = Signature.getInstance(algorithm);
                verify.initVerify(chain[0].getPublicKey());
                verify.update(probe);
                if (!verify.verify(signature)) {
                    throw new IllegalArgumentException("the key in " + key() + " does not belong to the certificate in " + certificateOrKeystore);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the key in " + key() + " cannot be checked against its certificate: " + e.getMessage(), e);
            }
        }

        public KeyManager[] keyManagers() {
            try {
                if (key == null) {
                    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(load(certificateOrKeystore, password), Objects.requireNonNullElse(password, "").toCharArray());
                    return kmf.getKeyManagers();
                }
                // Vert.x reads PEM keys of every kind (PKCS#1, PKCS#8, EC); given values, it needs no instance of its own
                return options().getKeyManagerFactory(null).getKeyManagers();
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot use " + this + ": " + e.getMessage(), e);
            }
        }
    }

    /** Certificates we trust. */
    public record Trust(Path file, String password) {

        public TrustOptions options() {
            if (isKeystore(file)) {
                return (TrustOptions) keystore(file, password);
            }
            return new PemTrustOptions().addCertValue(read(file));
        }

        public TrustManager[] trustManagers() {
            try {
                KeyStore store;
                if (isKeystore(file)) {
                    store = load(file, password);
                } else {
                    store = KeyStore.getInstance("PKCS12");
                    store.load(null, null);
                    int i = 0;
                    try (InputStream in = Files.newInputStream(file)) {
                        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                            store.setCertificateEntry("ca-" + i++, c);
                        }
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                return tmf.getTrustManagers();
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot use trusted certificates " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static KeyCertOptions keystore(Path file, String password) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String pass = Objects.requireNonNullElse(password, "");
        return name.endsWith(".jks") ? new JksOptions().setValue(read(file)).setPassword(pass)
                : new PfxOptions().setValue(read(file)).setPassword(pass);
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, Objects.requireNonNullElse(password, "").toCharArray());
        }
        return store;
    }

    private static boolean isKeystore(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks");
    }

    private static Buffer read(Path file) {
        try {
            return Buffer.buffer(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }
}
