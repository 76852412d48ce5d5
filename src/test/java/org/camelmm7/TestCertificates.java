package org.camelmm7;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for a test: a CA, and certificates it (or another CA) signs, valid now or
 * expired, written as PEM files as an operator keeps them, and usable in a JDK SSLContext.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate chain (leaf first). */
    public record Issued(KeyPair keys, List<X509Certificate> chain) {

        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** Writes {@code name.crt} (the chain) and {@code name.key} (PKCS#8) into {@code dir}. */
        public Pem writePem(Path dir, String name) {
            Path crt = dir.resolve(name + ".crt");
            Path key = dir.resolve(name + ".key");
            try {
                Files.writeString(crt, pem(chain.toArray()));
                Files.writeString(key, pem(keys.getPrivate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Pem(crt, key);
        }

        /** Writes a PKCS#12 keystore of the key and chain. */
        public Path writePkcs12(Path file, String password) {
            return store(file, password, ks -> ks.setKeyEntry("key", keys.getPrivate(), password.toCharArray(),
                    chain.toArray(new X509Certificate[0])));
        }

        /** Writes a PKCS#12 trust store holding this certificate. */
        public Path writePkcs12TrustStore(Path file, String password) {
            return store(file, password, ks -> ks.setCertificateEntry("ca", certificate()));
        }
    }

    public record Pem(Path certificate, Path key) {
    }

    private interface Entries {
        void add(KeyStore store) throws Exception;
    }

    /** A PKCS#12 file holding what {@code entries} adds. */
    private static Path store(Path file, String password, Entries entries) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            entries.add(ks);
            try (var out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TestCertificates() {
    }

    public static Issued authority(String cn) {
        KeyPair keys = keyPair();
        X509Certificate cert = sign(new X500Name("CN=" + cn), keys, new X500Name("CN=" + cn), keys, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)), true, List.of());
        return new Issued(keys, List.of(cert));
    }

    /** A certificate for {@code subject} with these DNS names and IP addresses, valid now. */
    public static Issued issue(Issued ca, String subject, String... alternativeNames) {
        return issue(ca, subject, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), alternativeNames);
    }

    public static Issued expired(Issued ca, String subject, String... alternativeNames) {
        return issue(ca, subject, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)), alternativeNames);
    }

    private static Issued issue(Issued ca, String subject, Instant from, Instant until, String... alternativeNames) {
        KeyPair keys = keyPair();
        List<GeneralName> names = java.util.Arrays.stream(alternativeNames)
                .map(n -> n.matches("[0-9.]+|.*:.*") ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                .toList();
        X509Certificate cert = sign(new X500Name(subject), keys, X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                ca.keys(), from, until, false, names);
        return new Issued(keys, List.of(cert, ca.certificate()));
    }

    /** A client or server SSLContext: this identity (may be null), trusting these CAs. */
    public static SSLContext context(Issued identity, Issued... trusted) {
        try {
            KeyManagerFactory kmf = null;
            if (identity != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("key", identity.keys().getPrivate(), new char[0], identity.chain().toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                ts.setCertificateEntry("ca" + i, trusted[i].certificate());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Instant from, Instant until,
                                        boolean ca, List<GeneralName> names) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from),
                    Date.from(until), subject, subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return out.toString();
    }
}
