package org.camelmm7.mm7;

import jakarta.mail.internet.MimeBodyPart;

/**
 * The multimedia message referenced by {@code <Content href="cid:..."/>}: one MIME entity, kept
 * with its headers and bytes exactly as received (it shares the request's byte array).
 */
public record Mm7Content(String href, Boolean allowAdaptations, MimeBodyPart entity) {
}
