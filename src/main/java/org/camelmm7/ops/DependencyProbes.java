package org.camelmm7.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Whether what the gateway depends on answers (the broker, the tracking database), probed every
 * {@value #PERIOD_SECONDS} s on a thread of its own and shown as {@code mm7_dependency_up{dependency}}
 * (1 or 0), and figures only such a dependency can tell (the broker's count of set-aside mail),
 * sampled on the same thread: a scrape reads the last answer and never waits for what is away.
 */
public final class DependencyProbes extends ServiceSupport implements MeterBinder {

    static final int PERIOD_SECONDS = 10;

    private final CamelContext context;
    private final Map<String, BooleanSupplier> probes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();
    private final Map<String, Callable<Number>> samples = new ConcurrentHashMap<>();
    private final Map<String, Double> sampled = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public DependencyProbes(CamelContext context) {
        this.context = context;
    }

    /** Before the gateway starts. */
    public void add(String dependency, BooleanSupplier probe) {
        probes.put(dependency, probe);
    }

    /** A gauge sampled with the probes; NaN while it cannot be read. Before the gateway starts. */
    public void sample(String metric, Callable<Number> value) {
        samples.put(metric, value);
    }

    /** A database answers when one of its connections is valid within 2 s. */
    public static BooleanSupplier database(DataSource dataSource) {
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(2);
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        };
    }

    private void probeAll() {
        probes.forEach((name, probe) -> {
            boolean answers;
            try {
                answers = probe.getAsBoolean();
            } catch (RuntimeException e) {
                answers = false;
            }
            up.put(name, answers);
        });
        samples.forEach((metric, value) -> {
            double v;
            try {
                v = value.call().doubleValue();
            } catch (Exception e) {
                v = Double.NaN;
            }
            sampled.put(metric, v);
        });
    }

    @Override
    protected void doStart() {
        // the first probe at once, but not on the starting thread: a database that is away takes 5 s to say so
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "mm7-dependency-probes");
        executor.scheduleWithFixedDelay(this::probeAll, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : probes.keySet()) {
            Gauge.builder("mm7.dependency.up", () -> up.getOrDefault(name, false) ? 1 : 0)
                    .description("1 while the dependency answers (probed every " + PERIOD_SECONDS + " s)")
                    .tag("dependency", name).strongReference(true).register(registry);
        }
        for (String metric : samples.keySet()) {
            Gauge.builder(metric, () -> sampled.getOrDefault(metric, Double.NaN)).strongReference(true).register(registry);
        }
    }
}
