package org.camelmm7.mm7;

/**
 * The multimedia message referenced by {@code <Content href="cid:..."/>}: one MIME entity, kept
 * with its header fields and bytes exactly as received (slices of the request's bytes).
 */
public record Mm7Content(String href, Boolean allowAdaptations, MimeEntity entity) {
}
