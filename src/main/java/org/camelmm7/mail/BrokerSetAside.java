package org.camelmm7.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

import org.camelmm7.exchange.Mm7Exchange;

/**
 * Set-aside mail on a broker queue ({@code mm7.spool.failed-uri = jms:queue:…}), named by its JMS
 * message ID: browsed to list and read, taken off the queue (by a selector on that ID, in a
 * transacted session) to delete.
 */
public final class BrokerSetAside implements SetAsideMail {

    private static final long RECEIVE_MILLIS = 2000;

    private final ConnectionFactory broker;
    private final String queue;

    public BrokerSetAside(ConnectionFactory broker, String queue) {
        this.broker = broker;
        this.queue = queue;
    }

    /** The queue of a {@code jms:queue:NAME?…} or {@code jms:NAME} URI. */
    public static String queueOf(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        rest = rest.startsWith("queue:") ? rest.substring("queue:".length()) : rest;
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    /**
     * How many mails the queue holds, as the broker counts them (Artemis's management, over JMS): no
     * message is read. For {@code mm7_spool_set_aside}; a broker that refuses management answers
     * with an exception.
     */
    public long count() throws Exception {
        try (Connection c = broker.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = s.createTemporaryQueue();
            Message request = s.createMessage();
            JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
            request.setJMSReplyTo(replies);
            c.start();
            try (MessageProducer management = s.createProducer(ActiveMQJMSClient.createQueue("activemq.management"));
                 MessageConsumer answers = s.createConsumer(replies)) {
                management.send(request);
                Message reply = answers.receive(RECEIVE_MILLIS);
                if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                    throw new JMSException("the broker did not count queue " + queue);
                }
                return ((Number) JMSManagementHelper.getResult(reply)).longValue();
            }
        }
    }

    @Override
    public List<Entry> list() throws JMSException {
        return browse(null);
    }

    @Override
    public Entry entry(String id) throws JMSException {
        List<Entry> found = browse(id);
        if (found.isEmpty()) {
            throw SetAsideMail.noSuch(id);
        }
        return found.get(0);
    }

    private List<Entry> browse(String id) throws JMSException {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = broker.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = s.createBrowser(s.createQueue(queue), id == null ? null : selector(id))) {
            c.start();
            for (Object m : Collections.list(browser.getEnumeration())) {
                entries.add(entry((Message) m));
            }
        }
        return entries;
    }

    private static Entry entry(Message m) throws JMSException {
        String reason = m.getStringProperty(Mm7Exchange.FAILURE_REASON_HEADER);
        String name = m.getStringProperty(Mm7Exchange.SPOOL_ENTRY_HEADER);
        long bytes = m instanceof BytesMessage b ? b.getBodyLength() : 0;
        return new Entry(m.getJMSMessageID(), name != null ? name : m.getJMSMessageID().replaceAll("[^A-Za-z0-9-]", "") + ".eml", bytes,
                Instant.ofEpochMilli(m.getJMSTimestamp()), reason == null ? "" : reason);
    }

    @Override
    public byte[] read(String id) throws JMSException {
        try (Connection c = broker.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = s.createBrowser(s.createQueue(queue), selector(id))) {
            c.start();
            var messages = browser.getEnumeration();
            if (!messages.hasMoreElements()) {
                throw SetAsideMail.noSuch(id);
            }
            return ((Message) messages.nextElement()).getBody(byte[].class);
        }
    }

    @Override
    public void delete(String id) throws JMSException {
        try (Connection c = broker.createConnection(); Session s = c.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = s.createConsumer(s.createQueue(queue), selector(id))) {
            c.start();
            if (consumer.receive(RECEIVE_MILLIS) == null) {
                s.rollback();
                throw SetAsideMail.noSuch(id);
            }
            s.commit();
        }
    }

    private static String selector(String id) {
        if (!id.matches("ID:[A-Za-z0-9:._-]+")) {
            throw SetAsideMail.noSuch(id);
        }
        return "JMSMessageID = '" + id + "'";
    }
}
