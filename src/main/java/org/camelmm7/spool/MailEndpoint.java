package org.camelmm7.spool;

/**
 * What the gateway needs to know of {@code mm7.mail.uri}: its scheme (named in the logs) and, for
 * an smtp(s):// relay, the host and port it connects to (logged, and probed by readiness).
 *
 * @param host null unless the scheme is smtp or smtps
 * @param port the URI's port, else 465 for smtps and 25 for smtp; -1 without a host
 */
public record MailEndpoint(String scheme, String host, int port) {

    public static MailEndpoint of(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon > 0 ? uri.substring(0, colon) : uri;
        String rest = colon > 0 ? uri.substring(colon + 1).replaceFirst("^//", "") : "";
        String authority = rest.split("[/?]", 2)[0].replaceFirst("^.*@", "");
        if (!scheme.startsWith("smtp") || authority.isEmpty()) {
            return new MailEndpoint(scheme, null, -1);
        }
        int portColon = authority.lastIndexOf(':');
        if (portColon > 0 && authority.substring(portColon + 1).matches("\\d+")) {
            return new MailEndpoint(scheme, authority.substring(0, portColon), Integer.parseInt(authority.substring(portColon + 1)));
        }
        return new MailEndpoint(scheme, authority, scheme.startsWith("smtps") ? 465 : 25);
    }
}
