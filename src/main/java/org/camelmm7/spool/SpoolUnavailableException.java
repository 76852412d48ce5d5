package org.camelmm7.spool;

/** The spool could not take a message; the MMSC is told to retry (4006). */
public class SpoolUnavailableException extends RuntimeException {

    public SpoolUnavailableException(String message) {
        super(message);
    }

    public SpoolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
