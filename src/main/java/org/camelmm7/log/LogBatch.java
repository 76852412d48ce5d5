package org.camelmm7.log;

/** Lines of one log, each ending in a newline, and the Camel file endpoint that appends them. */
public record LogBatch(String target, String lines) {
}
