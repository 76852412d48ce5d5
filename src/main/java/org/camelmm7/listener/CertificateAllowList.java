package org.camelmm7.listener;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Which verified client certificates may use a VASP path ({@code mm7.server.path.<name>.tls-peers}):
 * an entry with {@code =} is a subject name in RFC 2253 order, as the refusal's log line and
 * {@code openssl x509 -noout -subject -nameopt RFC2253} print it ({@code CN=mmsc1.operator.example,O=Operator};
 * compared as distinguished names, so spacing and the case of attribute names do not matter); any other entry
 * is a subject alternative name (DNS name, IP address, e-mail or URI), optionally written with its
 * kind first ({@code DNS:mmsc1.operator.example}).
 */
record CertificateAllowList(List<String> entries) {

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean allows(X509Certificate certificate) {
        if (certificate == null) {
            return false;
        }
        for (String entry : entries) {
            if (entry.contains("=") ? subjectIs(certificate, entry) : hasAlternativeName(certificate, withoutKind(entry))) {
                return true;
            }
        }
        return false;
    }

    /** The name a log line gives a certificate. */
    static String describe(X509Certificate certificate) {
        return certificate == null ? "no client certificate" : "client certificate " + certificate.getSubjectX500Principal().getName();
    }

    private static boolean subjectIs(X509Certificate certificate, String entry) {
        try {
            return certificate.getSubjectX500Principal().equals(new X500Principal(entry));
        } catch (IllegalArgumentException notADistinguishedName) {
            return false;
        }
    }

    private static boolean hasAlternativeName(X509Certificate certificate, String name) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            for (List<?> n : names) {
                if (n.size() == 2 && n.get(1) instanceof String value && value.equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static String withoutKind(String entry) {
        String lower = entry.toLowerCase(Locale.ROOT);
        for (String kind : new String[] {"dns:", "ip:", "email:", "uri:"}) {
            if (lower.startsWith(kind)) {
                return entry.substring(kind.length()).trim();
            }
        }
        return entry.trim();
    }
}
