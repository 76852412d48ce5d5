package org.camelmm7.mm7;

/** The XML namespaces MM7 messages use, and how leniently we recognise them. */
public final class Mm7Namespaces {

    public static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SCHEMA_PREFIX = "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/";
    public static final String REL_6_MM7_1_4 = SCHEMA_PREFIX + "REL-6-MM7-1-4";
    public static final String REL_5_MM7_1_0 = SCHEMA_PREFIX + "REL-5-MM7-1-0";
    public static final String DEFAULT_VERSION = "6.8.0";

    private Mm7Namespaces() {
    }

    /** Any namespace under the 3GPP schema prefix, or any URI naming MM7 (peers invent their own). */
    public static boolean isMm7(String namespace) {
        return namespace != null && (namespace.startsWith(SCHEMA_PREFIX) || namespace.toUpperCase().contains("MM7"));
    }

    /** The major release of an MM7Version value such as {@code 6.8.0}; -1 when it is not of the form x.y.z. */
    public static int majorVersion(String version) {
        if (version == null) {
            return -1;
        }
        String v = version.trim();
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
