package org.camelmm7.client.mmsc;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.apache.camel.Exchange;
import org.camelmm7.exchange.Mm7Exchange;

/**
 * The MMSCs' {@link MmscLimits}: the client route's step around the call to an MMSC ({@link #enter}
 * waits for one of its connections, {@link #leave} gives it back), and the pace each MMSC's CXF
 * client keeps ({@link MmscEndpoints#bind}). Found by the
 * endpoint the submission is about to be sent to ({@code mm7MmscEndpoint}). Its gauges, per MM7
 * domain: {@code mm7_client_mmsc_connections_in_use}, {@code mm7_client_mmsc_waiting},
 * {@code mm7_client_mmsc_max_connections} and {@code mm7_client_mmsc_max_rate} (0: no limit).
 */
public final class MmscGates implements MeterBinder {

    private final Map<String, MmscGate> byEndpoint;
    private final Map<String, MmscGate> byDomain;

    public MmscGates(List<Mmsc> mmscs) {
        this.byEndpoint = mmscs.stream().collect(Collectors.toUnmodifiableMap(Mmsc::endpointUri, m -> new MmscGate(m.limits())));
        this.byDomain = mmscs.stream().collect(Collectors.toUnmodifiableMap(Mmsc::domain, m -> byEndpoint.get(m.endpointUri())));
    }

    public void enter(Exchange exchange) throws InterruptedException {
        gate(exchange).enter();
    }

    public void leave(Exchange exchange) {
        gate(exchange).leave();
    }

    /** The MMSC's pace, for its CXF client. */
    MmscPace pace(Mmsc mmsc) {
        return byEndpoint.get(mmsc.endpointUri()).pace();
    }

    private MmscGate gate(Exchange exchange) {
        String endpoint = Mm7Exchange.MMSC_ENDPOINT.get(exchange);
        MmscGate gate = byEndpoint.get(endpoint);
        if (gate == null) {
            throw new IllegalStateException("no MMSC is configured for endpoint " + endpoint);
        }
        return gate;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        byDomain.forEach((domain, gate) -> {
            gauge(registry, "mm7.client.mmsc.connections.in.use", "submissions under way to the MMSC", domain, gate, MmscGate::inUse);
            gauge(registry, "mm7.client.mmsc.waiting", "submissions waiting for a connection", domain, gate, MmscGate::waiting);
            gauge(registry, "mm7.client.mmsc.max.connections", "the MMSC's max-connections (0: none)", domain, gate,
                    g -> g.limits().maxConnections());
            gauge(registry, "mm7.client.mmsc.max.rate", "the MMSC's max-rate, submissions per second (0: none)", domain, gate,
                    g -> g.limits().maxRate());
        });
    }

    private static void gauge(MeterRegistry registry, String name, String description, String domain, MmscGate gate,
                              Function<MmscGate, Number> value) {
        Gauge.builder(name, () -> value.apply(gate)).description(description).tag("domain", domain).strongReference(true).register(registry);
    }
}
