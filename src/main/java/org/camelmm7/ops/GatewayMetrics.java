package org.camelmm7.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The gateway's own metrics, next to Camel's, in the Prometheus registry served on the management
 * port: {@code mm7_requests_total{path,operation,status}}, {@code mm7_request_seconds{operation}},
 * {@code mm7_mail_deliveries_total{outcome}}, {@code mm7_spool_depth} (mails waiting),
 * {@code mm7_spool_set_aside} (mails set aside as undeliverable), {@code mms_log_pending_lines}
 * (log lines queued for the disk; what a kill -9 would lose), {@code mm7_connections_open},
 * {@code mm7_client_submissions_total{domain,outcome}}, and what other parts bind ({@link #bindAtStart}).
 */
public final class GatewayMetrics {

    /** Outcomes of a mail on the mail leg, and of a submission to an MMSC. */
    public static final List<String> OUTCOMES = List.of("delivered", "deferred", "failed");

    private final Supplier<MeterRegistry> lookup;
    private final Path spool;
    private final Path setAside;
    private final Map<String, Supplier<Number>> gauges;
    private final List<MeterBinder> binders = new CopyOnWriteArrayList<>();
    private final List<String> clientDomains = new CopyOnWriteArrayList<>();
    private volatile MeterRegistry registry;
    // kept, not built per request: a builder's register looks the meter up by its sorted tags (1 % of a report's CPU, profiled);
    // the paths are the configured VASP paths, the operations and statuses MM7's: few keys
    private final Map<RequestTags, Counter> requestCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();

    private record RequestTags(String path, String operation, int status) {
    }

    /**
     * @param lookup finds the registry camel-micrometer-prometheus serves (null while it is not
     *               there yet, or when metrics are off: then nothing is recorded)
     */
    public GatewayMetrics(Supplier<MeterRegistry> lookup, Path spool, Path setAside, Map<String, Supplier<Number>> gauges) {
        this.lookup = lookup;
        this.spool = spool;
        this.setAside = setAside;
        this.gauges = Map.copyOf(gauges);
    }

    private MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                r = registry;
                if (r == null && (r = lookup.get()) != null) {
                    // strong references: Micrometer holds gauge sources weakly, and these lambdas have no other owner
                    if (spool != null) {
                        Gauge.builder("mm7.spool.depth", () -> depth(spool)).description("mails waiting in the spool")
                                .strongReference(true).register(r);
                    }
                    if (setAside != null) {
                        Gauge.builder("mm7.spool.set.aside", () -> depth(setAside)).description("mails set aside as undeliverable")
                                .strongReference(true).register(r);
                    }
                    for (Map.Entry<String, Supplier<Number>> g : gauges.entrySet()) {
                        Gauge.builder(g.getKey(), g.getValue()).strongReference(true).register(r);
                    }
                    for (MeterBinder b : binders) {
                        b.bindTo(r);
                    }
                    registry = r;
                }
            }
        }
        return r;
    }

    /**
     * Registers the gauges, and the mail leg's counters at 0, once Camel has started (the registry
     * is there by then): an alert on set-aside mail or failed deliveries has a series to watch
     * from the start, not only after the first request.
     */
    public EventNotifier registeredAtStart() {
        return new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                MeterRegistry r = registry();
                if (r != null) {
                    for (String outcome : OUTCOMES) {
                        mailDeliveries(r, outcome);
                        for (String domain : clientDomains) {
                            submissions(r, domain, outcome);
                        }
                    }
                }
            }
        };
    }

    public void request(String path, String operation, int status, Duration latency) {
        MeterRegistry registry = registry();
        if (registry == null) {
            return;
        }
        requestCounters.computeIfAbsent(new RequestTags(path == null ? "" : path, operation, status), tags -> Counter.builder("mm7.requests")
                .description("MM7 requests answered").tag("path", tags.path()).tag("operation", tags.operation())
                .tag("status", Integer.toString(tags.status())).register(registry)).increment();
        if (latency != null) {
            requestTimers.computeIfAbsent(operation, op -> Timer.builder("mm7.request")
                    .description("time from receiving an MM7 request to answering it").tag("operation", op).register(registry)).record(latency);
        }
    }

    /** {@code delivered}, {@code deferred} or {@code failed}. */
    public void mailDelivery(String outcome) {
        MeterRegistry registry = registry();
        if (registry == null) {
            return;
        }
        mailDeliveries(registry, outcome).increment();
    }

    /** Meters of another part (the client's MMSC gates), registered with the gauges once the registry is there. */
    public void bindAtStart(MeterBinder binder) {
        binders.add(binder);
    }

    /** The MM7 domains whose submission outcomes are counted from 0 at start. */
    public void countSubmissionsOf(List<String> domains) {
        clientDomains.addAll(domains);
    }

    /** A submission to the MM7 domain's MMSC ended: {@code delivered}, {@code deferred} (to be retried) or {@code failed}. */
    public void submission(String domain, String outcome) {
        MeterRegistry registry = registry();
        if (registry != null) {
            submissions(registry, domain, outcome).increment();
        }
    }

    private static Counter submissions(MeterRegistry registry, String domain, String outcome) {
        return Counter.builder("mm7.client.submissions").description("outcomes of submissions to MMSCs, per MM7 domain")
                .tag("domain", domain).tag("outcome", outcome).register(registry);
    }

    private static Counter mailDeliveries(MeterRegistry registry, String outcome) {
        return Counter.builder("mm7.mail.deliveries").description("outcomes of the mail leg").tag("outcome", outcome).register(registry);
    }

    private static double depth(Path spool) {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
