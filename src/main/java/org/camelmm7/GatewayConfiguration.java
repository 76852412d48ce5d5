package org.camelmm7;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;
import org.camelmm7.client.Mm7Domain;
import org.camelmm7.client.Mm7Submissions;
import org.camelmm7.client.ReportMails;
import org.camelmm7.client.PickupLedger;
import org.camelmm7.client.SubmissionTracker;
import org.camelmm7.client.TrackingDatabase;
import org.camelmm7.email.DeliverReqToEmail;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.email.EmailAddressRules;
import org.camelmm7.listener.BasicAuthFile;
import org.camelmm7.listener.CidrRange;
import org.camelmm7.listener.ListenerGuard;
import org.camelmm7.listener.ListenerPolicy;
import org.camelmm7.log.MmsEventRecorder;
import org.camelmm7.log.MmsLoggerSettings;
import org.camelmm7.log.MmsLogs;
import org.camelmm7.mm7.Mm7RequestParser;
import org.camelmm7.ops.GatewayMetrics;
import org.camelmm7.ops.MailRelayCheck;
import org.camelmm7.ops.WritableDirectoryCheck;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.spool.DeliverReqSpooler;
import org.camelmm7.spool.MailHandoff;
import org.camelmm7.simulator.MmscSimulator;
import org.camelmm7.spool.FileSync;
import org.camelmm7.spool.UnfinishedWrites;
import org.camelmm7.support.FileEndpoints;
import org.camelmm7.server.ListenerSettings;
import org.camelmm7.server.Mm7HttpServer;

/**
 * Builds the beans the routes call from configuration, failing at startup with a clear message
 * when a key is wrong.
 */
public class GatewayConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        GatewaySettings settings = new GatewaySettings(context);
        Registry registry = context.getRegistry();

        // extension points: defaults unless beans of these names are bound already
        Mm7Hooks hooks = new Mm7Hooks(registry);
        hooks.bindDefaults();

        // MM7 server: VASP paths, HTTP <-> codec, listener policy
        VaspPaths paths = VaspPaths.parse(settings.get("mm7.server.vasp-uri-paths"));
        registry.bind("vaspPaths", paths);
        GatewayMessageIds ids = new GatewayMessageIds();
        registry.bind("gatewayMessageIds", ids);
        registry.bind("mm7HttpExchange", new Mm7HttpExchange(new Mm7RequestParser(), new Mm7Writer(), ids,
                settings.get("mm7.server.version").trim(), settings.bool("mm7.server.force-version"), hooks));
        // the MM7 listener (Momentum's HTTP_Listener), with the guard in front of every route
        boolean simulator = settings.bool("mm7.simulator.enabled");
        Set<String> openPaths = simulator ? Set.of(settings.get("mm7.simulator.path").trim()) : Set.of();
        ListenerGuard guard = new ListenerGuard(listenerPolicy(settings, paths, openPaths));
        Mm7HttpServer server = new Mm7HttpServer(ListenerSettings.from(settings), guard, String.join(" ", paths.all())
                + (simulator ? " and the simulated MMSC on " + String.join(" ", openPaths) : ""));
        registry.bind("mm7HttpServer", server);
        context.addService(server, true, true);

        // DeliverReq -> e-mail -> spool -> mail endpoint
        EmailAddressRules rules = new EmailAddressRules(
                settings.optional("mm7.server.default-email-from-address"), settings.optional("mm7.server.default-email-from-domain"),
                settings.optional("mm7.server.default-email-to-address"), settings.optional("mm7.server.default-email-to-domain"));
        String idDomain = settings.optional("mm7.mail.message-id-domain");
        String reportHost = settings.optional("mm7.client.report-host");
        // looked up once, and only when a setting leaves it to this host's name (it may ask the DNS)
        String thisHost = idDomain == null || reportHost == null ? hostName() : null;
        registry.bind("deliverReqSpooler", new DeliverReqSpooler(new DeliverReqToEmail(rules, idDomain != null ? idDomain : thisHost)));
        registry.bind("fileSync", new FileSync());
        registry.bind("mailHandoff", new MailHandoff(settings.get("mm7.mail.uri")));

        // MMS log and bounce log
        MmsLogs logs = new MmsLogs(MmsLoggerSettings.loggers(settings));
        // operability: our metrics in the registry camel-micrometer-prometheus serves, readiness checks
        Path spoolDir = FileEndpoints.directoryOf(context, settings.get("mm7.spool.uri"));
        Path setAsideDir = FileEndpoints.directoryOf(context, settings.get("mm7.spool.failed-uri"));
        Path outboxDir = FileEndpoints.directoryOf(context, settings.get("mm7.mail.uri"));
        // nothing is writing yet: temporary files left in the spool or outbox belong to a write that never finished
        UnfinishedWrites.removeFrom(spoolDir);
        UnfinishedWrites.removeFrom(outboxDir);
        GatewayMetrics metrics = new GatewayMetrics(
                () -> registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class), spoolDir, setAsideDir,
                Map.of("mms.log.pending.lines", logs::pendingLines, "mm7.connections.open", server::openConnections));
        registry.bind("spoolWritable", new WritableDirectoryCheck("spool", spoolDir));
        registry.bind("setAsideWritable", new WritableDirectoryCheck("set-aside", setAsideDir));
        registry.bind("outboxWritable", new WritableDirectoryCheck("outbox", outboxDir));
        registry.bind("mailRelayReachable", new MailRelayCheck(settings.get("mm7.mail.uri")));

        MmsEventRecorder recorder = new MmsEventRecorder(logs, metrics);
        registry.bind("mmsLogs", logs);
        registry.bind("mmsEventRecorder", recorder);
        registry.bind("recordMailDeferred", (Processor) recorder::mailDeferred);

        // MM7 client; its tracking database closes when the gateway stops (a service)
        TrackingDatabase tracking = trackingDatabase(settings, registry);
        context.addService(tracking, true, true);
        Mm7Submissions submissions = new Mm7Submissions(Mm7Domain.configured(settings), ids, logs,
                new ReportMails(reportHost != null ? reportHost : thisHost, idDomain != null ? idDomain : thisHost, ids::next),
                new SubmissionTracker(tracking.dataSource()), new PickupLedger(tracking.dataSource()),
                java.time.Duration.ofDays(Long.parseLong(settings.get("mm7.client.tracking.retention-days").trim())), hooks,
                Integer.parseInt(settings.get("mm7.client.retry.maximum-redeliveries").trim()),
                java.time.Duration.ofSeconds(Long.parseLong(settings.get("mm7.client.retry.expiry-seconds").trim())));
        registry.bind("mm7Submissions", submissions);
        registry.bind("recordSubmitDeferred", (Processor) submissions::deferred);

        // the simulated MMSC, used when mm7.simulator.enabled=true
        registry.bind("mmscSimulator", new MmscSimulator(settings.list("mm7.simulator.statuses"),
                settings.optional("mm7.simulator.delivery-report-status"), Long.parseLong(settings.get("mm7.simulator.slow-delay").trim()),
                "swapped".equalsIgnoreCase(settings.get("mm7.simulator.report-roles").trim()), settings.integer("mm7.simulator.delivery-report-copies")));

        context.getManagementStrategy().addEventNotifier(new GatewayLifecycle(logs));
    }

    private static ListenerPolicy listenerPolicy(GatewaySettings settings, VaspPaths paths, Set<String> openPaths) {
        String defaultAuthFile = settings.optional("mm7.server.auth-file");
        Map<String, BasicAuthFile> byPath = new HashMap<>();
        for (String path : paths.all()) {
            String file = settings.optional("mm7.server.path." + VaspPaths.keyOf(path) + ".auth-file");
            if (file != null) {
                byPath.put(path, new BasicAuthFile(Path.of(file)));
            }
        }
        return new ListenerPolicy(paths, openPaths,
                settings.list("mm7.server.allow").stream().map(CidrRange::parse).toList(),
                settings.list("mm7.server.deny").stream().map(CidrRange::parse).toList(),
                defaultAuthFile == null ? null : new BasicAuthFile(Path.of(defaultAuthFile)),
                byPath, settings.bytes("mm7.server.max-request-size"));
    }

    /** A DataSource bean named mm7TrackingDataSource (pooled, from the estate's configuration) wins over the JDBC URL. */
    private static TrackingDatabase trackingDatabase(GatewaySettings settings, Registry registry) {
        javax.sql.DataSource estate = registry.lookupByNameAndType("mm7TrackingDataSource", javax.sql.DataSource.class);
        if (estate != null) {
            return TrackingDatabase.of(estate);
        }
        return TrackingDatabase.pooled(settings.get("mm7.client.tracking.jdbc-url").trim(), settings.optional("mm7.client.tracking.username"),
                settings.optional("mm7.client.tracking.password"), settings.integer("mm7.client.tracking.pool-size"));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
