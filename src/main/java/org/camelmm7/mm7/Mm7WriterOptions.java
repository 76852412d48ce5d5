package org.camelmm7.mm7;

/**
 * How the writer spells its output, for MMSCs that disagree: the SOAP envelope prefix
 * (Momentum's {@code mm7_soap_env}), the MM7 namespace prefix ({@code mm7_namespace}) and whether
 * body elements carry it ({@code mm7_use_namespace_in_body}).
 */
public record Mm7WriterOptions(String soapEnvPrefix, String mm7Prefix, boolean prefixBody) {

    public static final Mm7WriterOptions DEFAULT = new Mm7WriterOptions("env", "mm7", false);

    public Mm7WriterOptions {
        soapEnvPrefix = soapEnvPrefix == null || soapEnvPrefix.isBlank() ? "env" : soapEnvPrefix.trim();
        mm7Prefix = mm7Prefix == null || mm7Prefix.isBlank() ? "mm7" : mm7Prefix.trim();
    }
}
