package org.camelmm7;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.Registry;
import org.camelmm7.email.DeliverReqToEmail;
import org.camelmm7.email.EmailAddressRules;
import org.camelmm7.email.MailExchange;
import org.camelmm7.listener.Mm7HttpServer;
import org.camelmm7.log.MmsEventRecorder;
import org.camelmm7.log.MmsLogs;
import org.camelmm7.mail.FileSync;
import org.camelmm7.mail.MailHandoff;
import org.camelmm7.mail.OutboxRedeliveries;
import org.camelmm7.mail.SmtpConnections;
import org.camelmm7.ops.DependencyProbes;
import org.camelmm7.ops.GatewayMetrics;
import org.camelmm7.ops.MailRelayCheck;
import org.camelmm7.ops.WritableDirectoryCheck;
import org.camelmm7.spool.DeliverReqSpooler;
import org.camelmm7.spool.ReportMailSpooler;
import org.camelmm7.spool.UnfinishedWrites;
import org.camelmm7.support.Endpoints;
import org.camelmm7.support.Settings;

/**
 * MO mail: DeliverReq -> e-mail -> mm7spool:incoming -> mm7.mail.uri (an outbox directory or a
 * relay), with the recorder of the intake's and the mail leg's events and the metrics of both.
 */
public class MailLegConfiguration implements CamelConfiguration {

    /** The gateway's metrics ({@link GatewayMetrics}), which the client's configuration adds to. */
    static final String METRICS = "gatewayMetrics";
    /** The probes behind {@code mm7_dependency_up} ({@link DependencyProbes}), which the client's configuration adds to. */
    static final String DEPENDENCIES = "dependencyProbes";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        HostNames names = GatewayConfiguration.bound(context, HostNames.BEAN, HostNames.class);
        registry.bind("reportMailSpooler", new ReportMailSpooler());
        registry.bind("fileSync", new FileSync());
        // before the mail endpoint exists: its sender keeps connections to the relay open
        SmtpConnections smtp = new SmtpConnections(settings.integer("mm7.mail.smtp.mails-per-connection"));
        smtp.install(context);
        context.addService(smtp, true, false);
        Endpoints.MailRelay relay = Endpoints.mailRelayOf(context, settings.get("mm7.mail.uri"));
        MailHandoff mailHandoff = new MailHandoff(relay);
        registry.bind("mailHandoff", mailHandoff);
        // the exception being handled, as Camel hands it to a bean method taking an Exception
        registry.bind("isPermanentMailFailure", (Predicate) exchange -> mailHandoff.isPermanent(exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        registry.bind("mailRelaySendsMail", (Predicate) exchange -> mailHandoff.sendsMail());
        // mail handed over in memory that fails is not retried there: it goes back to the spool's store
        registry.bind("isMailFromMemory", (Predicate) exchange -> MailExchange.HANDED_OVER_ENTRY.isSet(exchange));

        SpoolConfiguration spool = SpoolConfiguration.install(context, settings);
        // a large mail keeps what it holds beyond a megabyte in the spool directory while it is written to the spool
        registry.bind("deliverReqSpooler", new DeliverReqSpooler(new DeliverReqToEmail(EmailAddressRules.from(settings), names.messageIdDomain(),
                spool.directory())));
        Path outbox = Endpoints.directoryOf(context, settings.get("mm7.mail.uri"));
        // nothing is writing yet: temporary files left in the outbox belong to a write that never finished
        UnfinishedWrites.removeFrom(outbox);
        OutboxRedeliveries redeliveries = new OutboxRedeliveries(outbox);
        registry.bind("outboxRedeliveries", redeliveries);
        registry.bind("outboxWritable", new WritableDirectoryCheck("outbox", outbox));
        registry.bind("mailRelayReachable", new MailRelayCheck(relay));

        // our metrics, in the registry camel-micrometer-prometheus serves
        MmsLogs logs = GatewayConfiguration.bound(context, LogsConfiguration.LOGS, MmsLogs.class);
        Mm7HttpServer listener = registry.lookupByNameAndType(ServerConfiguration.LISTENER, Mm7HttpServer.class);
        Map<String, Supplier<Number>> gauges = new HashMap<>(spool.gauges());
        gauges.put("mms.log.pending.lines", logs::pendingLines);
        gauges.put("mms.log.refused.lines", logs::refusedLines);
        gauges.put("mm7.connections.open", () -> listener == null ? 0 : listener.openConnections());
        gauges.put("mm7.request.body.bytes", () -> listener == null ? 0 : listener.bodyBytesInUse());
        gauges.put("mm7.mail.redelivered", redeliveries::redelivered);
        GatewayMetrics metrics = new GatewayMetrics(() -> registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class),
                spool.directory(), spool.setAside(), gauges);
        context.getManagementStrategy().addEventNotifier(metrics.registeredAtStart());
        registry.bind(METRICS, metrics);
        // mm7_dependency_up: the broker here, the tracking database by the client's configuration
        DependencyProbes dependencies = new DependencyProbes(context);
        HealthCheck broker = registry.lookupByNameAndType("brokerReachable", HealthCheck.class);
        if (broker != null) {
            dependencies.add("broker", () -> broker.call().getState() == HealthCheck.State.UP);
        }
        context.addService(dependencies, true, true);
        metrics.bindAtStart(dependencies);
        registry.bind(DEPENDENCIES, dependencies);

        MmsEventRecorder recorder = new MmsEventRecorder(logs, metrics);
        registry.bind("mmsEventRecorder", recorder);
        // T as an attempt fails (not when the retry starts, a back-off later), unless it was the last
        registry.bind("recordMailDeferred", (Processor) exchange -> {
            if (exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class)
                    <= exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER, 0, Integer.class)) {
                recorder.mailDeferred(exchange);
            }
        });
    }
}
