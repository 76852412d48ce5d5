package org.camelmm7.mm7;

/** The {@code ReplyCharging} element's attributes; either may be null. */
public record ReplyCharging(Integer replyChargingSize, String replyDeadline) {
}
