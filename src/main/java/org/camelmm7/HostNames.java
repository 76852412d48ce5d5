package org.camelmm7;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.camelmm7.support.Settings;

/**
 * This host's name, looked up once and only when a setting leaves a name to it (it may ask the
 * DNS), and the domain of the Message-IDs the gateway generates. Bound as {@code hostNames} for
 * the configuration classes after the first.
 */
record HostNames(String thisHost, String messageIdDomain) {

    static final String BEAN = "hostNames";

    static HostNames of(Settings settings) {
        String idDomain = settings.optional("mm7.mail.message-id-domain");
        String thisHost = idDomain == null || settings.optional("mm7.client.report-host") == null ? hostName() : null;
        return new HostNames(thisHost, idDomain != null ? idDomain : thisHost);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
