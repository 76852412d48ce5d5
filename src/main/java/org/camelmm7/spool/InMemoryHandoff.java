package org.camelmm7.spool;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.camelmm7.email.PickupMail;
import org.camelmm7.exchange.Mm7Exchange;

/**
 * Hands an accepted mail to the mail leg in memory, right after the journal sync that made it
 * durable, instead of through a spool file: creating, listing, reading and deleting a file per
 * mail was a third of the intake's time and most of the spool poller's (profiled). The journal
 * keeps the entry until the mail is delivered, so a crash loses nothing: the next start writes
 * it to the spool. A delivery that fails writes the entry to the spool, whose retries take over.
 * <p>
 * At most {@code capacity} mails are held at once, none larger than 1 MiB (a file costs little
 * next to a big mail's bytes, and memory stays bounded); the others go through the spool
 * directory, as do all when the spool has no journal (a broker spool: the broker's
 * acknowledgement is the guarantee, so the mail must be in it).
 */
public final class InMemoryHandoff extends RoutePolicySupport {

    private static final long MAX_SIZE = 1024 * 1024;

    private final SpoolJournal journal;
    private final int capacity;
    private final AtomicInteger held = new AtomicInteger();

    public InMemoryHandoff(SpoolJournal journal, int capacity) {
        this.journal = journal;
        this.capacity = journal.enabled() ? capacity : 0;
    }

    /** Takes a place for the exchange's entry (already journaled); false when there is none or it is big. */
    public boolean reserve(Exchange exchange) {
        if (!(exchange.getMessage().getBody() instanceof PickupMail mail) || mail.size() > MAX_SIZE) {
            return false;
        }
        for (int now = held.get(); now < capacity; now = held.get()) {
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * First step of the in-memory delivery: the entry as the spool would hold it (body and
     * {@code CamelFileNameOnly}), without the request it came from.
     */
    public void take(Exchange exchange) {
        Message message = exchange.getMessage();
        String name = message.getHeader(Exchange.FILE_NAME, String.class);
        Object entry = message.getBody();
        exchange.removeProperties("mm7*"); // the request's (Camel's own are left alone)
        message.removeHeaders("*");
        message.setHeader(Exchange.FILE_NAME, name);
        message.setHeader(Exchange.FILE_NAME_ONLY, name);
        message.setBody(entry);
        exchange.setProperty(Mm7Exchange.HANDED_OVER_ENTRY, entry);
        journal.heldInMemory(name);
    }

    /** Before a failed delivery writes the entry to the spool or sets it aside: the body is the entry's bytes again. */
    public void restore(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getProperty(Mm7Exchange.HANDED_OVER_ENTRY, PickupMail.class).bytes());
    }

    /** The entry is in the spool directory now. */
    public void writtenToSpool(Exchange exchange) {
        journal.writtenToSpool(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class));
    }

    /**
     * Neither delivered nor written to the spool (a full disk, say): the journal holds the entry
     * and writes its spool file once it can, and the spool's retries take over; nothing waits for a restart.
     */
    public void spoolLater(Exchange exchange) {
        journal.writeBackLater(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class));
    }

    /** Mails held now. */
    public int held() {
        return held.get();
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        held.decrementAndGet();
    }
}
