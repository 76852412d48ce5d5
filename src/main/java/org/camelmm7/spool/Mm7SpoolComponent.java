package org.camelmm7.spool;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.camelmm7.email.PickupMail;

/**
 * {@code mm7spool:<name>}: the gateway's spool of accepted mail as a Camel endpoint. Sending to it
 * makes the mail durable (the journal's group sync) and hands it over, in memory or through the
 * store ({@code mm7.spool.uri}: a directory, or a broker queue for several gateways); reading from
 * it gets both. A completed exchange is the journal's "done", a failed one stays in the spool.
 * <p>
 * A gateway has one spool (its routes call it {@code incoming}); the gateway's configuration builds
 * the component with that spool's journal and store, and an endpoint of another name is refused.
 */
public final class Mm7SpoolComponent extends DefaultComponent {

    private final String name;
    private final SpoolJournal journal;
    private final String storeUri;
    private final InMemoryHandoff handoff;
    private final Duration storeTimeout;
    private final AtomicLong storeTimeouts = new AtomicLong();
    /** a store write ran out of time, and the store took no entry since */
    private volatile boolean storeRefusing;
    /** System.nanoTime() of the last store write that ran out of time */
    private volatile long storeOverranAt;

    /**
     * @param storeUri where entries go that are not handed over in memory, and that a failed delivery leaves
     * @param inMemory how much mail is handed over in memory at once (none when the journal is off: a broker spool),
     *        and how long the intake waits for a place while the mail leg frees places
     * @param storeTimeout how long a write to the store may take before the entry is refused (zero: no limit)
     */
    public Mm7SpoolComponent(String name, SpoolJournal journal, String storeUri, HandoffLimits inMemory, Duration storeTimeout) {
        this.name = name;
        this.storeTimeout = storeTimeout;
        this.journal = journal;
        this.storeUri = storeUri;
        this.handoff = new InMemoryHandoff(journal, inMemory);
    }

    /** The store, and the set-aside endpoint after it, take the mail as spooled: a stream over its bytes, or one array. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        getCamelContext().getTypeConverterRegistry().addTypeConverter(InputStream.class, PickupMail.class, PickupMailStream.CONVERTER);
        getCamelContext().getTypeConverterRegistry().addTypeConverter(byte[].class, PickupMail.class, PickupMailStream.BYTES);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!name.equals(remaining)) {
            throw new IllegalArgumentException("no spool named '" + remaining + "': this gateway's spool is mm7spool:" + name);
        }
        Mm7SpoolEndpoint endpoint = new Mm7SpoolEndpoint(uri, this);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** Mails handed over in memory now, waiting or in delivery. */
    public int heldInMemory() {
        return handoff.held();
    }

    String spoolName() {
        return name;
    }

    SpoolJournal journal() {
        return journal;
    }

    String storeUri() {
        return storeUri;
    }

    Duration storeTimeout() {
        return storeTimeout;
    }

    /** Counts a store write that ran out of time; the exception that refuses its entry. */
    SpoolUnavailableException storeWriteOverran(Exception cause) {
        storeTimeouts.incrementAndGet();
        storeOverranAt = System.nanoTime();
        storeRefusing = true;
        return new SpoolUnavailableException(overrun() + " (a broker that blocks producers?)", cause);
    }

    private String overrun() {
        return "the spool's store took no entry in " + storeTimeout.toMillis() + " ms";
    }

    void storeTookEntry() {
        if (storeRefusing) {
            storeRefusing = false;
        }
    }

    /** Store writes that ran out of time since the start ({@code mm7.spool.store-timeout}). */
    public long storeTimeouts() {
        return storeTimeouts.get();
    }

    /**
     * Why the spool takes no entry now, or null: a store write ran out of time less than {@code within}
     * ago and the store took none since (a broker that blocks producers).
     */
    public String storeRefusal(Duration within) {
        long ago = System.nanoTime() - storeOverranAt;
        if (!storeRefusing || ago > within.toNanos()) {
            return null;
        }
        return overrun() + ", " + Duration.ofNanos(ago).toSeconds() + " s ago, and none since (a broker that blocks producers?)";
    }

    InMemoryHandoff handoff() {
        return handoff;
    }
}
