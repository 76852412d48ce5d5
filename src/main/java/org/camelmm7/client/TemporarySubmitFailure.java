package org.camelmm7.client;

/** The MMSC could not take a SubmitReq now; the route retries it. */
public class TemporarySubmitFailure extends RuntimeException {

    public TemporarySubmitFailure(String reason) {
        super(reason);
    }
}
