package org.camelmm7.mm7;

/**
 * What an MMSC answered to one of our requests: a response ({@code SubmitRsp}, ...) or a SOAP
 * Fault with {@code RSErrorRsp}, reduced to what the client acts on.
 *
 * @param fault     whether the answer was a SOAP Fault (whatever its HTTP status)
 * @param faultCode the fault's {@code faultcode} without prefix ({@code Client}/{@code Server}), or null
 * @param messageId the MMSC's MessageID of a SubmitRsp (or extendedReplaceRsp), or null
 */
public record Mm7Answer(String element, Mm7Transaction transaction, Mm7Status status, String messageId, boolean fault,
                        String faultCode) {
}
