package org.camelmm7.log;

/**
 * The record letters of the two logs and the Momentum option that switches and formats each,
 * with its exact default (momentum-mm7-modules.md §6.2 and §7).
 */
public enum RecordType {
    RECEPTION(Log.MMS, "R", "log-reception", "%t@R@%i@%sa@%da@%d@%P@%PG@%H@%B@%S@%e@\\\"%ti\\\""),
    DELIVERY(Log.MMS, "D", "log-delivery", "%t@D@%i@%sa@%da@%d@%g@%b@%H@%B@\\\"%rm\\\"@\\\"%ti\\\""),
    TEMPFAIL(Log.MMS, "T", "log-tempfail", "%t@T@%i@%sa@%da@%d@%g@%b@%H@%S@%e"),
    PERMFAIL(Log.MMS, "P", "log-permfail", "%t@P@%i@%sa@%da@%d@%g@%b@%H@%S@%e"),
    STATUS(Log.MMS, "S", "log-status", "%t@S@%sa@%da@%d@%g@%b@%H@\\\"%rm\\\"@%drl@%S@%e"),
    CONVERSION(Log.MMS, "X", "log-conversion", "%t@X@%i@%sa@%da@%d@%g@%b@%H@%e"),
    HEARTBEAT(Log.MMS, "M", "log-heartbeat", "%t@M"),
    BOUNCE_INBAND(Log.BOUNCE, "I", "log-bounce-inband", "%t@I@%i@%sa@%da@%d@%g@%b@%H@%e"),
    BOUNCE_OUTBAND(Log.BOUNCE, "O", "log-bounce-outband", "%t@O@%i@%sa@%da@%d@%g@%b@%H@%e"),
    BOUNCE_TRANSIENT(Log.BOUNCE, "T", "log-bounce-transient", "%t@T@%i@%sa@%da@%d@%g@%b@%H@%e"),
    BOUNCE_HEARTBEAT(Log.BOUNCE, "M", "log-bounce-heartbeat", "%t@M");

    /** Which of the two modules a record belongs to. */
    public enum Log {
        MMS, BOUNCE
    }

    private final Log log;
    private final String letter;
    private final String option;
    private final String defaultFormat;

    RecordType(Log log, String letter, String option, String defaultFormat) {
        this.log = log;
        this.letter = letter;
        this.option = option;
        this.defaultFormat = defaultFormat;
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

    /** Momentum's default, with its C-string {@code \"}. */
    public String defaultFormat() {
        return defaultFormat;
    }

    public boolean isHeartbeat() {
        return this == HEARTBEAT || this == BOUNCE_HEARTBEAT;
    }
}
