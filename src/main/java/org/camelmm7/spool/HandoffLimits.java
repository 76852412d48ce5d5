package org.camelmm7.spool;

import java.time.Duration;

/**
 * How much accepted mail the intake may hand to the mail leg in memory instead of through the
 * spool's store: {@code mails} at once, together at most {@code bytes}; and how long the intake
 * waits for a place while the mail leg frees places ({@code waitForPlace}).
 */
public record HandoffLimits(int mails, long bytes, Duration waitForPlace) {
}
