package org.camelmm7.mm7;

import java.nio.charset.StandardCharsets;

/** An MM7 message as it travels in an HTTP body: its Content-Type header and bytes. */
public record Mm7HttpBody(String contentType, byte[] bytes) {

    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
