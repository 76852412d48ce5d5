package org.camelmm7.email;

import java.time.Instant;
import java.util.Map;

/**
 * What the gateway knows of a request besides its content: the gateway message ID (one per
 * message, the same in logs and in the mail), the VASP path it came in on, when, from where, and
 * the header fields the mm7RequestEval extension point adds to its mail.
 */
public record ReceivedRequest(String gatewayId, String vaspPath, Instant receivedAt, String peerAddress, Map<String, String> mailHeaders) {

    public ReceivedRequest {
        mailHeaders = mailHeaders == null ? Map.of() : Map.copyOf(mailHeaders);
    }

    public ReceivedRequest(String gatewayId, String vaspPath, Instant receivedAt, String peerAddress) {
        this(gatewayId, vaspPath, receivedAt, peerAddress, Map.of());
    }
}
