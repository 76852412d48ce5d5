package org.camelmm7.email;

import java.time.Instant;

/**
 * What the gateway knows of a request besides its content: the gateway message ID (one per
 * message, the same in logs and in the mail), the VASP path it came in on, when, and from where.
 */
public record ReceivedRequest(String gatewayId, String vaspPath, Instant receivedAt, String peerAddress) {
}
