package org.camelmm7;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.camelmm7.log.MmsLogBackPressure;
import org.camelmm7.log.MmsLoggerSettings;
import org.camelmm7.log.MmsLogs;
import org.camelmm7.support.Settings;

/** The MMS log, the mail log and the bounce log (mms_logger, mms_bounce_logger); the intake pushes back while they fall behind. */
public class LogsConfiguration implements CamelConfiguration {

    static final String LOGS = "mmsLogs";

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        MmsLogs logs = new MmsLogs(MmsLoggerSettings.loggers(settings), settings.bytes("mms.logger.max-pending-bytes"));
        context.getRegistry().bind(LOGS, logs);
        context.getRegistry().bind("mmsLogBackPressure", new MmsLogBackPressure(logs));
        context.getManagementStrategy().addEventNotifier(new GatewayLifecycle(logs));
    }
}
