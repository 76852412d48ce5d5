package org.camelmm7.log;

/**
 * The record letters of the three logs and the option that switches and formats each (Momentum's
 * defaults are in application.properties; docs/logs.md explains the fields): the MMS log and the
 * bounce log hold MM7 events, as Momentum's mms_logger and mms_bounce_logger; the mail log holds the
 * mail leg's e-mail deliveries, so a tool counting D in the MMS log counts MMS handed to an MMSC only.
 */
public enum RecordType {
    RECEPTION(Log.MMS, "R", "log-reception"),
    DELIVERY(Log.MMS, "D", "log-delivery"),
    TEMPFAIL(Log.MMS, "T", "log-tempfail"),
    PERMFAIL(Log.MMS, "P", "log-permfail"),
    STATUS(Log.MMS, "S", "log-status"),
    CONVERSION(Log.MMS, "X", "log-conversion"),
    HEARTBEAT(Log.MMS, "M", "log-heartbeat"),
    BOUNCE_INBAND(Log.BOUNCE, "I", "log-bounce-inband"),
    BOUNCE_OUTBAND(Log.BOUNCE, "O", "log-bounce-outband"),
    BOUNCE_TRANSIENT(Log.BOUNCE, "T", "log-bounce-transient"),
    BOUNCE_HEARTBEAT(Log.BOUNCE, "M", "log-bounce-heartbeat"),
    MAIL_DELIVERY(Log.MAIL, "D", "log-delivery"),
    MAIL_TEMPFAIL(Log.MAIL, "T", "log-tempfail"),
    MAIL_PERMFAIL(Log.MAIL, "P", "log-permfail"),
    MAIL_HEARTBEAT(Log.MAIL, "M", "log-heartbeat");

    /** Which log a record belongs to. */
    public enum Log {
        MMS, BOUNCE, MAIL
    }

    private final Log log;
    private final String letter;
    private final String option;

    RecordType(Log log, String letter, String option) {
        this.log = log;
        this.letter = letter;
        this.option = option;
    }

    public Log log() {
        return log;
    }

    public String letter() {
        return letter;
    }

    /** The switch's key suffix, e.g. {@code log-reception}; the format's is that plus {@code -format}. */
    public String option() {
        return option;
    }

    public boolean isHeartbeat() {
        return this == HEARTBEAT || this == BOUNCE_HEARTBEAT || this == MAIL_HEARTBEAT;
    }
}
