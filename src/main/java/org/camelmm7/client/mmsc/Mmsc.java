package org.camelmm7.client.mmsc;

/**
 * One MMSC the client submits to, as its MM7 domain configures it: the registry name of its Camel
 * CXF endpoint, its URL, how long an answer may take, and how to reach it.
 */
public record Mmsc(String endpointName, String url, int responseTimerSeconds, MmscConnection connection) {
}
