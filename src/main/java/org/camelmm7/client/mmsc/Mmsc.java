package org.camelmm7.client.mmsc;

/**
 * One MMSC the client submits to, as its MM7 domain configures it: the domain's name, the registry
 * name of its Camel CXF endpoint, its URL, how long an answer may take, how to reach it, and what
 * its contract allows.
 */
public record Mmsc(String domain, String endpointName, String url, int responseTimerSeconds, MmscConnection connection, MmscLimits limits) {

    /** The URI the client's route sends this MMSC's SubmitReqs to. */
    public String endpointUri() {
        return "cxf:bean:" + endpointName;
    }
}
