package org.camelmm7;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.camelmm7.ops.BrokerCheck;
import org.camelmm7.ops.SpoolStoreCheck;
import org.camelmm7.ops.WritableDirectoryCheck;
import org.camelmm7.spool.Broker;
import org.camelmm7.spool.HandoffLimits;
import org.camelmm7.spool.Mm7SpoolComponent;
import org.camelmm7.spool.SpoolJournal;
import org.camelmm7.spool.UnfinishedWrites;
import org.camelmm7.support.Endpoints;
import org.camelmm7.support.Settings;

/**
 * The spool of the mail leg ({@link MailLegConfiguration}): {@code mm7spool:incoming} over its
 * journal and its store ({@code mm7.spool.uri}), the set-aside endpoint, and the broker the spool
 * may live on instead of a directory.
 */
record SpoolConfiguration(Path directory, Path setAside, SpoolJournal journal, Mm7SpoolComponent component) {

    static SpoolConfiguration install(CamelContext context, Settings settings) throws Exception {
        // a broker the spool and the pickup may live on, shared by several gateways
        if (settings.optional("mm7.broker.url") != null) {
            broker(context, settings);
        }
        Path spool = Endpoints.directoryOf(context, settings.get("mm7.spool.uri"));
        Path setAside = Endpoints.directoryOf(context, settings.get("mm7.spool.failed-uri"));
        // nothing is writing yet: temporary files left in the spool belong to a write that never finished
        UnfinishedWrites.removeFrom(spool);
        // entries are made durable in groups; at start it writes back what a crash may have cost the spool
        String journalDir = settings.optional("mm7.spool.journal-dir");
        SpoolJournal journal = new SpoolJournal(journalDir != null ? Path.of(journalDir) : spool == null ? null : spool.resolve(".journal"), spool,
                settings.bytes("mm7.spool.journal-segment-size"), settings.seconds("mm7.spool.journal-checkpoint-delay"),
                context.getExecutorServiceManager());
        context.addService(journal, true, true);
        // mm7spool:incoming, the spool the routes send accepted mail to and deliver it from
        Mm7SpoolComponent component = new Mm7SpoolComponent("incoming", journal, settings.get("mm7.spool.uri"),
                new HandoffLimits(settings.integer("mm7.mail.handoff-in-memory"), settings.bytes("mm7.mail.handoff-in-memory-bytes"),
                        Duration.ofMillis(settings.integer("mm7.mail.handoff-wait"))),
                Duration.ofMillis(settings.integer("mm7.spool.store-timeout")));
        context.getRegistry().bind("mm7spool", component);
        context.getRegistry().bind("spoolWritable", new WritableDirectoryCheck("spool", spool));
        context.getRegistry().bind("setAsideWritable", new WritableDirectoryCheck("set-aside", setAside));
        // a store write that ran out of time keeps readiness DOWN for six times that, unless the store takes an entry
        Duration refusing = Duration.ofMillis(6L * settings.integer("mm7.spool.store-timeout"));
        context.getRegistry().bind("spoolStoreTakesEntries", new SpoolStoreCheck(() -> component.storeRefusal(refusing)));
        return new SpoolConfiguration(spool, setAside, journal, component);
    }

    /** In a method of its own: JMS and Artemis classes are needed only when a broker is configured (the Camel CLI runs without them). */
    private static void broker(CamelContext context, Settings settings) throws Exception {
        Broker broker = Broker.install(context, settings.optional("mm7.broker.url"), settings.optional("mm7.broker.username"),
                settings.optional("mm7.broker.password"), 2 * settings.integer("mm7.mail.concurrency"));
        context.getRegistry().bind("brokerReachable", new BrokerCheck(broker.direct(), broker.url()));
    }

    /** The spool's figures for the metrics. */
    Map<String, Supplier<Number>> gauges() {
        return Map.of("mm7.spool.journal.syncs", journal::syncs, "mm7.spool.journal.synced.entries", journal::syncedEntries,
                "mm7.spool.journal.sync.seconds", journal::syncSeconds,
                "mm7.spool.journal.segments", journal::segments, "mm7.spool.journal.damaged.records", journal::damagedRecords,
                "mm7.spool.waiting.for.disk", journal::waitingForWriteBack, "mm7.mail.handed.over", component::heldInMemory,
                "mm7.spool.store.timeouts", component::storeTimeouts);
    }
}
