package org.camelmm7;

import java.util.List;
import javax.sql.DataSource;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;
import org.camelmm7.client.BounceMails;
import org.camelmm7.client.ClientSettings;
import org.camelmm7.client.DeliveryReports;
import org.camelmm7.client.KeptMail;
import org.camelmm7.client.MailToSubmitReqs;
import org.camelmm7.client.Mm7Domain;
import org.camelmm7.client.MmscRequests;
import org.camelmm7.client.ReportMails;
import org.camelmm7.client.SubmitOutcomes;
import org.camelmm7.client.TrackedSubmissions;
import org.camelmm7.client.mmsc.Mmsc;
import org.camelmm7.client.mmsc.MmscEndpoints;
import org.camelmm7.client.mmsc.MmscGates;
import org.camelmm7.client.tracking.MessageStore;
import org.camelmm7.client.tracking.PickupLedger;
import org.camelmm7.client.tracking.SubmissionTracker;
import org.camelmm7.client.tracking.TrackingDatabase;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.log.MmsLogs;
import org.camelmm7.log.SubmissionRecorder;
import org.camelmm7.ops.DependencyProbes;
import org.camelmm7.ops.GatewayMetrics;
import org.camelmm7.support.GatewayMessageIds;
import org.camelmm7.support.Settings;

/** The MM7 client (mm7): pickup -> SubmitReq -> MMSC, the tracking database, delivery reports and bounces. */
public class ClientConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        ClientSettings client = ClientSettings.from(new Settings(context));
        Registry registry = context.getRegistry();
        GatewayMessageIds ids = GatewayConfiguration.bound(context, "gatewayMessageIds", GatewayMessageIds.class);
        HostNames names = GatewayConfiguration.bound(context, HostNames.BEAN, HostNames.class);
        Mm7Hooks hooks = new Mm7Hooks(registry);
        // the tracking database (an estate's own data source when bound); a service, so it closes when the gateway stops
        DataSource estate = registry.lookupByNameAndType("mm7TrackingDataSource", DataSource.class);
        ClientSettings.Tracking t = client.tracking();
        TrackingDatabase tracking = estate != null ? TrackingDatabase.of(estate)
                : TrackingDatabase.pooled(t.jdbcUrl(), t.username(), t.password(), t.poolSize());
        context.addService(tracking, true, true);
        GatewayConfiguration.bound(context, MailLegConfiguration.DEPENDENCIES, DependencyProbes.class)
                .add("tracking-database", DependencyProbes.database(tracking.dataSource()));
        SubmissionTracker tracker = new SubmissionTracker(tracking.dataSource());
        PickupLedger ledger = new PickupLedger(tracking.dataSource());
        ReportMails reports = new ReportMails(client.reportHost() != null ? client.reportHost() : names.thisHost(), names.messageIdDomain(),
                ids::next);

        MailToSubmitReqs mailToSubmitReqs = new MailToSubmitReqs(client.domains(), ids, ledger, hooks);
        registry.bind("mailToSubmitReqs", mailToSubmitReqs);
        registry.bind("mmscRequests", new MmscRequests());
        // each MMSC's max-connections and max-rate, and their gauges; submission outcomes counted per domain from 0
        List<Mmsc> mmscs = client.domains().stream().map(Mm7Domain::mmsc).toList();
        MmscGates gates = new MmscGates(mmscs);
        registry.bind("mmscGates", gates);
        GatewayMetrics metrics = GatewayConfiguration.bound(context, MailLegConfiguration.METRICS, GatewayMetrics.class);
        metrics.bindAtStart(gates);
        metrics.countSubmissionsOf(client.domains().stream().map(Mm7Domain::name).toList());
        if (!mmscs.isEmpty()) {
            // Camel CXF is needed only with MM7 domains to submit to (a Camel CLI run without it serves all the rest)
            MmscEndpoints.bind(context, mmscs, gates);
        }
        SubmitOutcomes outcomes = new SubmitOutcomes(hooks, client.retry(), mailToSubmitReqs);
        registry.bind("submitOutcomes", outcomes);
        // predicates the routes name with `ref`, as the server's (a bean predicate costs a copy of the exchange each time)
        registry.bind("isSubmissionAttempt", (Predicate) outcomes::isSubmissionAttempt);
        registry.bind("isWorthRetrying", (Predicate) outcomes::worthRetrying);
        registry.bind("isDelivered", (Predicate) outcomes::isDelivered);
        registry.bind("isTemporary", (Predicate) outcomes::isTemporary);
        registry.bind("trackedSubmissions", new TrackedSubmissions(tracker, ledger, t.retention(), client.retry().expiry()));
        registry.bind("keptMail", new KeptMail(new MessageStore(tracking.dataSource()), client.mstore(), hooks));
        registry.bind("bounceMails", new BounceMails(reports));
        registry.bind("deliveryReports", new DeliveryReports(tracker, reports, hooks));
        SubmissionRecorder records = new SubmissionRecorder(GatewayConfiguration.bound(context, LogsConfiguration.LOGS, MmsLogs.class), metrics);
        registry.bind("submissionRecorder", records);
        // T as a submission fails, when it will be retried (the last failure is P instead)
        registry.bind("recordSubmitDeferred", (Processor) exchange -> {
            if (outcomes.worthRetrying(exchange)) {
                records.deferred(exchange);
            }
        });
    }
}
