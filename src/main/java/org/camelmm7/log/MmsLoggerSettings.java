package org.camelmm7.log;

import java.util.ArrayList;
import java.util.List;

import org.camelmm7.support.Settings;

/**
 * The logger instances the configuration asks for: the mms_logger under {@code mms.logger.*}, the
 * mms_bounce_logger under {@code mms.bounce-logger.*} (application.properties holds Momentum's
 * defaults for both), the mail leg's log under {@code mail.logger.*}, and named extra instances of either ({@code mms.logger.instances=rt} →
 * options under {@code mms.logger.rt.*}), which take the main instance's value for what they do not
 * set, but write to {@code log/<name>.ec}.
 */
public final class MmsLoggerSettings {

    private MmsLoggerSettings() {
    }

    public static List<MmsLogger> loggers(Settings settings) {
        List<MmsLogger> loggers = new ArrayList<>();
        add(loggers, settings, "mms.logger", RecordType.Log.MMS);
        add(loggers, settings, "mms.bounce-logger", RecordType.Log.BOUNCE);
        add(loggers, settings, "mail.logger", RecordType.Log.MAIL);
        return loggers;
    }

    private static void add(List<MmsLogger> loggers, Settings settings, String prefix, RecordType.Log log) {
        if (!"false".equalsIgnoreCase(settings.optional(prefix + ".enabled"))) {
            loggers.add(MmsLogger.configure(prefix, log, option -> settings.optional(prefix + "." + option)));
        }
        for (String name : settings.list(prefix + ".instances")) {
            String instance = prefix + "." + name;
            String ownFile = "log/" + name + ".ec";
            loggers.add(MmsLogger.configure(instance, log, option -> {
                String value = settings.optional(instance + "." + option);
                if (value != null) {
                    return value;
                }
                return option.endsWith("logfile") ? ownFile : settings.optional(prefix + "." + option);
            }));
        }
    }
}
