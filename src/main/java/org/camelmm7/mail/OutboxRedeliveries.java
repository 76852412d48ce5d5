package org.camelmm7.mail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.camelmm7.email.MailExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail a file outbox already holds when it is delivered: a delivery that a crash (or a power cut)
 * came before recording as done, made again. The outbox file is written over with the same bytes,
 * so nothing there shows it; this counts it ({@code mm7_mail_redelivered}) and says so in a line,
 * as an SMTP relay would see the duplicate.
 */
public final class OutboxRedeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRedeliveries.class);

    private final Path outbox;
    private final AtomicLong redelivered = new AtomicLong();

    /** @param outbox the outbox directory; null when the mail goes to a relay (nothing to look at) */
    public OutboxRedeliveries(Path outbox) {
        this.outbox = outbox;
    }

    /**
     * Before the mail endpoint: whether the outbox holds this entry's mail already. Fresh mail the
     * intake handed over in memory is delivered for the first time; only an entry that comes through
     * the spool (written back after a crash among them) is looked for.
     */
    public void note(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        if (outbox == null || name == null || MailExchange.HANDED_OVER_ENTRY.isSet(exchange)
                || !Files.exists(outbox.resolve(name))) {
            return;
        }
        redelivered.incrementAndGet();
        LOG.warn("mail {} delivered again: the outbox holds it already (delivered before a crash that came before it was recorded as done)",
                name);
    }

    public long redelivered() {
        return redelivered.get();
    }
}
