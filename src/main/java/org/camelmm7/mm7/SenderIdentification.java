package org.camelmm7.mm7;

/** {@code SenderIdentification} of VASP requests: VASPID, VASID and SenderAddress, all optional. */
public record SenderIdentification(String vaspId, String vasId, Mm7Address senderAddress) {

    public static final SenderIdentification NONE = new SenderIdentification(null, null, null);
}
