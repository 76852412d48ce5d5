package org.camelmm7;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;
import org.camelmm7.client.BounceMails;
import org.camelmm7.client.ClientSettings;
import org.camelmm7.client.DeliveryReports;
import org.camelmm7.client.MailToSubmitReqs;
import org.camelmm7.client.MmscEndpoints;
import org.camelmm7.client.MmscRequests;
import org.camelmm7.client.PickupLedger;
import org.camelmm7.client.ReportMails;
import org.camelmm7.client.SubmissionTracker;
import org.camelmm7.client.SubmitOutcomes;
import org.camelmm7.client.TrackedSubmissions;
import org.camelmm7.client.TrackingDatabase;
import org.camelmm7.dataformat.Mm7DataFormat;
import org.camelmm7.email.DeliverReqToEmail;
import org.camelmm7.email.EmailAddressRules;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.listener.BodyBudgetSettings;
import org.camelmm7.listener.ListenerGuard;
import org.camelmm7.listener.ListenerPolicy;
import org.camelmm7.listener.ListenerSettings;
import org.camelmm7.listener.Mm7HttpServer;
import org.camelmm7.log.MmsEventRecorder;
import org.camelmm7.log.MmsLogBackPressure;
import org.camelmm7.log.MmsLoggerSettings;
import org.camelmm7.log.MmsLogs;
import org.camelmm7.log.SubmissionRecorder;
import org.camelmm7.ops.BrokerCheck;
import org.camelmm7.ops.GatewayMetrics;
import org.camelmm7.ops.MailRelayCheck;
import org.camelmm7.ops.WritableDirectoryCheck;
import org.camelmm7.server.Mm7HttpExchange;
import org.camelmm7.server.ServerSettings;
import org.camelmm7.server.VaspPaths;
import org.camelmm7.simulator.MmscSimulator;
import org.camelmm7.simulator.SimulatorSettings;
import org.camelmm7.spool.Broker;
import org.camelmm7.spool.DeliverReqSpooler;
import org.camelmm7.spool.FileSync;
import org.camelmm7.spool.MailHandoff;
import org.camelmm7.spool.Mm7SpoolComponent;
import org.camelmm7.spool.OutboxRedeliveries;
import org.camelmm7.spool.ReportMailSpooler;
import org.camelmm7.spool.SmtpConnections;
import org.camelmm7.spool.SpoolJournal;
import org.camelmm7.spool.UnfinishedWrites;
import org.camelmm7.support.Endpoints;
import org.camelmm7.support.GatewayMessageIds;
import org.camelmm7.support.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads the settings of each area once, builds the beans the routes call
 * (by the names the YAML uses) and the services the gateway runs, and fails at startup with a
 * clear message when a key is wrong.
 */
public class GatewayConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        GatewayMessageIds ids = new GatewayMessageIds();
        registry.bind("gatewayMessageIds", ids);
        // extension points: defaults unless beans of these names are bound already
        Mm7Hooks hooks = new Mm7Hooks(registry);
        hooks.bindDefaults();
        Names names = Names.of(settings);

        // MM7 server (mm7_serv) behind its HTTP listener (HTTP_Listener); a gateway that only submits opens no MM7 port
        ServerSettings server = ServerSettings.from(settings);
        ListenerSettings listening = ListenerSettings.from(settings);
        SimulatorSettings simulator = SimulatorSettings.from(settings, listening.localUrl(server.paths().all().get(0)));
        boolean serving = settings.bool("mm7.server.enabled");
        // without the server no path is served, and VaspPathRoutes makes no route
        VaspPaths served = serving ? server.paths() : new VaspPaths(List.of());
        registry.bind("vaspPaths", served);
        // the MM7 data format of the routes (unmarshal/marshal {custom: {ref: mm7}}), with the server's limits
        registry.bind("mm7", new Mm7DataFormat(server.limits()));
        Mm7HttpExchange edge = new Mm7HttpExchange(server, ids, hooks);
        registry.bind("mm7HttpExchange", edge);
        // predicates the routes' choices name with `ref` (a bean predicate costs a copy of the exchange each time)
        registry.bind("isAnsweredByHook", (Predicate) edge::isAnsweredByHook);
        registry.bind("isDeliverReq", (Predicate) edge::isDeliverReq);
        registry.bind("isDeliveryReport", (Predicate) edge::isDeliveryReport);
        registry.bind("isReadReply", (Predicate) edge::isReadReply);
        // the MMS log and the bounce log; the intake pushes back while they fall behind
        MmsLogs logs = new MmsLogs(MmsLoggerSettings.loggers(settings), settings.bytes("mms.logger.max-pending-bytes"));
        registry.bind("mmsLogs", logs);
        registry.bind("mmsLogBackPressure", new MmsLogBackPressure(logs));
        context.getManagementStrategy().addEventNotifier(new GatewayLifecycle(logs));

        // the listener serves the VASP paths and the simulated MMSC: without either, it is not started
        Mm7HttpServer listener = serving || simulator.enabled()
                ? listener(context, settings, listening, served, server.version(), simulator, logs) : null;
        if (!serving) {
            LOG.info("MM7 server off (mm7.server.enabled = false): {}", listener == null ? "no MM7 port is opened"
                    : "the listener serves only the simulated MMSC");
        }

        // DeliverReq -> e-mail -> spool -> mail endpoint; health and metrics of both
        GatewayMetrics metrics = mailLeg(context, settings, names, logs, listener);
        context.getManagementStrategy().addEventNotifier(metrics.registeredAtStart());
        MmsEventRecorder recorder = new MmsEventRecorder(logs, metrics);
        registry.bind("mmsEventRecorder", recorder);
        // T as an attempt fails (not when the retry starts, a back-off later), unless it was the last
        registry.bind("recordMailDeferred", (Processor) exchange -> {
            if (exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class)
                    <= exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER, 0, Integer.class)) {
                recorder.mailDeferred(exchange);
            }
        });

        // MM7 client (mm7): pickup -> SubmitReq -> MMSC, delivery reports
        client(context, ClientSettings.from(settings), names, ids, hooks, logs);

        // the simulated MMSC, serving when mm7.simulator.enabled=true
        registry.bind("mmscSimulator", new MmscSimulator(simulator));
    }

    private static Mm7HttpServer listener(CamelContext context, Settings settings, ListenerSettings listening, VaspPaths paths,
                                          String mm7Version, SimulatorSettings simulator, MmsLogs logs)
            throws Exception {
        Set<String> openPaths = simulator.enabled() ? Set.of(simulator.path()) : Set.of();
        ListenerGuard guard = new ListenerGuard(ListenerPolicy.from(settings, paths, openPaths, listening.scopes()),
                BodyBudgetSettings.from(settings, mm7Version), logs::isBehind);
        Mm7HttpServer listener = new Mm7HttpServer(listening, guard, String.join(" ", paths.all())
                + (simulator.enabled() ? (paths.all().isEmpty() ? "" : " and ") + "the simulated MMSC on " + simulator.path() : ""));
        context.getRegistry().bind("mm7HttpServer", listener);
        context.addService(listener, true, true);
        return listener;
    }

    private static GatewayMetrics mailLeg(CamelContext context, Settings settings, Names names, MmsLogs logs, Mm7HttpServer listener)
            throws Exception {
        Registry registry = context.getRegistry();
        registry.bind("deliverReqSpooler", new DeliverReqSpooler(new DeliverReqToEmail(EmailAddressRules.from(settings), names.messageIdDomain())));
        registry.bind("fileSync", new FileSync());
        // before the mail endpoint exists: its sender keeps connections to the relay open
        SmtpConnections smtp = new SmtpConnections(settings.integer("mm7.mail.smtp.mails-per-connection"));
        smtp.install(context);
        context.addService(smtp, true, false);
        Endpoints.MailRelay relay = Endpoints.mailRelayOf(context, settings.get("mm7.mail.uri"));
        // a broker the spool and the pickup may live on, shared by several gateways
        if (settings.optional("mm7.broker.url") != null) {
            broker(context, settings);
        }
        MailHandoff mailHandoff = new MailHandoff(relay);
        registry.bind("mailHandoff", mailHandoff);
        // the exception being handled, as Camel hands it to a bean method taking an Exception
        registry.bind("isPermanentMailFailure", (Predicate) exchange -> mailHandoff.isPermanent(exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
        registry.bind("mailRelaySendsMail", (Predicate) exchange -> mailHandoff.sendsMail());
        registry.bind("reportMailSpooler", new ReportMailSpooler());

        Path spool = Endpoints.directoryOf(context, settings.get("mm7.spool.uri"));
        Path setAside = Endpoints.directoryOf(context, settings.get("mm7.spool.failed-uri"));
        Path outbox = Endpoints.directoryOf(context, settings.get("mm7.mail.uri"));
        // nothing is writing yet: temporary files left in the spool or outbox belong to a write that never finished
        UnfinishedWrites.removeFrom(spool);
        UnfinishedWrites.removeFrom(outbox);
        OutboxRedeliveries redeliveries = new OutboxRedeliveries(outbox);
        registry.bind("outboxRedeliveries", redeliveries);
        // spool entries are made durable in groups; at start it writes back what a crash may have cost the spool
        String journalDir = settings.optional("mm7.spool.journal-dir");
        SpoolJournal journal = new SpoolJournal(journalDir != null ? Path.of(journalDir) : spool == null ? null : spool.resolve(".journal"), spool,
                settings.bytes("mm7.spool.journal-segment-size"), settings.seconds("mm7.spool.journal-checkpoint-delay"),
                context.getExecutorServiceManager());
        context.addService(journal, true, true);
        // mm7spool:incoming, the spool the routes send accepted mail to and deliver it from
        Mm7SpoolComponent mm7spool = new Mm7SpoolComponent("incoming", journal, settings.get("mm7.spool.uri"),
                settings.integer("mm7.mail.handoff-in-memory"));
        registry.bind("mm7spool", mm7spool);
        // mail handed over in memory that fails is not retried there: it goes back to the spool's store
        registry.bind("isMailFromMemory", (Predicate) exchange -> exchange.getProperty(Mm7Exchange.HANDED_OVER_ENTRY) != null);
        registry.bind("spoolWritable", new WritableDirectoryCheck("spool", spool));
        registry.bind("setAsideWritable", new WritableDirectoryCheck("set-aside", setAside));
        registry.bind("outboxWritable", new WritableDirectoryCheck("outbox", outbox));
        registry.bind("mailRelayReachable", new MailRelayCheck(relay));
        // our metrics, in the registry camel-micrometer-prometheus serves
        return new GatewayMetrics(() -> registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class),
                spool, setAside, Map.<String, Supplier<Number>>ofEntries(
                        Map.entry("mms.log.pending.lines", logs::pendingLines), Map.entry("mms.log.refused.lines", logs::refusedLines),
                        Map.entry("mm7.connections.open", () -> listener == null ? 0 : listener.openConnections()),
                        Map.entry("mm7.request.body.bytes", () -> listener == null ? 0 : listener.bodyBytesInUse()),
                        Map.entry("mm7.spool.journal.syncs", journal::syncs), Map.entry("mm7.spool.journal.synced.entries", journal::syncedEntries),
                        Map.entry("mm7.spool.journal.segments", journal::segments),
                        Map.entry("mm7.spool.journal.damaged.records", journal::damagedRecords),
                        Map.entry("mm7.spool.waiting.for.disk", journal::waitingForWriteBack),
                        Map.entry("mm7.mail.redelivered", redeliveries::redelivered), Map.entry("mm7.mail.handed.over", mm7spool::heldInMemory)));
    }

    /** In a method of its own: JMS and Artemis classes are needed only when a broker is configured (the Camel CLI runs without them). */
    private static void broker(CamelContext context, Settings settings) throws Exception {
        Broker broker = Broker.install(context, settings.optional("mm7.broker.url"), settings.optional("mm7.broker.username"),
                settings.optional("mm7.broker.password"), 2 * settings.integer("mm7.mail.concurrency"));
        context.getRegistry().bind("brokerReachable", new BrokerCheck(broker.direct(), broker.url()));
    }

    private static void client(CamelContext context, ClientSettings client, Names names, GatewayMessageIds ids, Mm7Hooks hooks, MmsLogs logs)
            throws Exception {
        Registry registry = context.getRegistry();
        // the tracking database; a service, so it closes when the gateway stops
        DataSource estate = registry.lookupByNameAndType("mm7TrackingDataSource", DataSource.class);
        ClientSettings.Tracking t = client.tracking();
        TrackingDatabase tracking = estate != null ? TrackingDatabase.of(estate)
                : TrackingDatabase.pooled(t.jdbcUrl(), t.username(), t.password(), t.poolSize());
        context.addService(tracking, true, true);
        SubmissionTracker tracker = new SubmissionTracker(tracking.dataSource());
        PickupLedger ledger = new PickupLedger(tracking.dataSource());
        ReportMails reports = new ReportMails(client.reportHost() != null ? client.reportHost() : names.thisHost(), names.messageIdDomain(),
                ids::next);

        MailToSubmitReqs mailToSubmitReqs = new MailToSubmitReqs(client.domains(), ids, ledger, hooks);
        registry.bind("mailToSubmitReqs", mailToSubmitReqs);
        registry.bind("mmscRequests", new MmscRequests());
        if (!client.domains().isEmpty()) {
            // Camel CXF is needed only with MM7 domains to submit to (a Camel CLI run without it serves all the rest)
            MmscEndpoints.bind(context, client.domains());
        }
        SubmitOutcomes outcomes = new SubmitOutcomes(hooks, client.retry(), mailToSubmitReqs);
        registry.bind("submitOutcomes", outcomes);
        // predicates the routes name with `ref`, as the server's (a bean predicate costs a copy of the exchange each time)
        registry.bind("isSubmissionAttempt", (Predicate) outcomes::isSubmissionAttempt);
        registry.bind("isWorthRetrying", (Predicate) outcomes::worthRetrying);
        registry.bind("isDelivered", (Predicate) outcomes::isDelivered);
        registry.bind("isTemporary", (Predicate) outcomes::isTemporary);
        registry.bind("trackedSubmissions", new TrackedSubmissions(tracker, ledger, t.retention()));
        registry.bind("bounceMails", new BounceMails(reports));
        registry.bind("deliveryReports", new DeliveryReports(tracker, reports, hooks));
        SubmissionRecorder records = new SubmissionRecorder(logs);
        registry.bind("submissionRecorder", records);
        // T as a submission fails, when it will be retried (the last failure is P instead)
        registry.bind("recordSubmitDeferred", (Processor) exchange -> {
            if (outcomes.worthRetrying(exchange)) {
                records.deferred(exchange);
            }
        });
    }

    /** This host's name, looked up once and only when a setting leaves a name to it (it may ask the DNS). */
    private record Names(String thisHost, String messageIdDomain) {

        static Names of(Settings settings) {
            String idDomain = settings.optional("mm7.mail.message-id-domain");
            String thisHost = idDomain == null || settings.optional("mm7.client.report-host") == null ? hostName() : null;
            return new Names(thisHost, idDomain != null ? idDomain : thisHost);
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
