package org.camelmm7.log;

import java.util.ArrayList;
import java.util.List;

import org.camelmm7.GatewaySettings;

/**
 * The logger instances the configuration asks for: the mms_logger under {@code mms.logger.*}, the
 * mms_bounce_logger under {@code mms.bounce-logger.*}, and named extra instances of either
 * ({@code mms.logger.instances=rt} → options under {@code mms.logger.rt.*}), each with Momentum's
 * defaults for what it does not set.
 */
public final class MmsLoggerSettings {

    private MmsLoggerSettings() {
    }

    public static List<MmsLogger> loggers(GatewaySettings settings) {
        List<MmsLogger> loggers = new ArrayList<>();
        add(loggers, settings, "mms.logger", RecordType.Log.MMS);
        add(loggers, settings, "mms.bounce-logger", RecordType.Log.BOUNCE);
        return loggers;
    }

    private static void add(List<MmsLogger> loggers, GatewaySettings settings, String prefix, RecordType.Log log) {
        if (!"false".equalsIgnoreCase(settings.optional(prefix + ".enabled"))) {
            loggers.add(MmsLogger.configure(prefix, log, option -> settings.optional(prefix + "." + option)));
        }
        for (String name : settings.list(prefix + ".instances")) {
            String instance = prefix + "." + name;
            String defaultFile = "log/" + name + ".ec";
            loggers.add(MmsLogger.configure(instance, log, option -> {
                String value = settings.optional(instance + "." + option);
                return value == null && option.endsWith("logfile") ? defaultFile : value;
            }));
        }
    }
}
