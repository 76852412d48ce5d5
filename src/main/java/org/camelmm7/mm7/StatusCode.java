package org.camelmm7.mm7;

import java.util.Optional;

/** MM7 status codes of TS 23.140 with their standard texts and the SOAP faultcode class they belong to. */
public enum StatusCode {
    SUCCESS(1000, "Success"),
    PARTIAL_SUCCESS(1100, "Partial success"),
    CLIENT_ERROR(2000, "Client error"),
    OPERATION_RESTRICTED(2001, "Operation restricted"),
    ADDRESS_ERROR(2002, "Address Error"),
    ADDRESS_NOT_FOUND(2003, "Address Not Found"),
    MULTIMEDIA_CONTENT_REFUSED(2004, "Multimedia content refused"),
    MESSAGE_ID_NOT_FOUND(2005, "Message ID Not found"),
    LINKED_ID_NOT_FOUND(2006, "LinkedID not found"),
    MESSAGE_FORMAT_CORRUPT(2007, "Message format corrupt"),
    APPLICATION_ID_NOT_FOUND(2008, "Application ID not found"),
    REPLY_APPLICATION_ID_NOT_FOUND(2009, "Reply Application ID not found"),
    SERVER_ERROR(3000, "Server Error"),
    NOT_POSSIBLE(3001, "Not Possible"),
    MESSAGE_REJECTED(3002, "Message rejected"),
    MULTIPLE_ADDRESSES_NOT_SUPPORTED(3003, "Multiple addresses not supported"),
    APPLICATION_ADDRESSING_NOT_SUPPORTED(3004, "Application Addressing not supported"),
    GENERAL_SERVICE_ERROR(4000, "General service error"),
    IMPROPER_IDENTIFICATION(4001, "Improper identification"),
    UNSUPPORTED_VERSION(4002, "Unsupported version"),
    UNSUPPORTED_OPERATION(4003, "Unsupported operation"),
    VALIDATION_ERROR(4004, "Validation error"),
    SERVICE_ERROR(4005, "Service error"),
    SERVICE_UNAVAILABLE(4006, "Service unavailable"),
    SERVICE_DENIED(4007, "Service denied"),
    APPLICATION_DENIED(4008, "Application denied");

    private final int code;
    private final String text;

    StatusCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** {@code Client} for 2xxx and 4001-4004, 4007, 4008; {@code Server} for 3xxx, 4000, 4005, 4006 (docs/mm7.md). */
    public static boolean isClientFault(int code) {
        return (code >= 2000 && code < 3000) || (code >= 4001 && code <= 4004) || code == 4007 || code == 4008;
    }

    /** The named status of a code, if the spec names it. */
    public static Optional<StatusCode> of(int code) {
        for (StatusCode s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static String standardText(int code) {
        return of(code).map(StatusCode::text).orElse(code < 2000 ? "Success" : "Error");
    }
}
