package org.camelmm7.mail;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the smtp and smtps endpoints keep a connection open per delivery thread for several mails
 * (Camel's sender opens and closes one per mail): a connection is used for at most
 * {@code mailsPerConnection} mails and not after it has been idle a few seconds (relays close
 * idle clients); a failure closes it, and the mail leg's retry opens a new one. Plain smtp
 * connections have Nagle's algorithm off ({@link NoDelaySockets}). Everything the
 * endpoint URI configures (host, port, credentials, TLS, timeouts) is Camel's, unchanged.
 */
public final class SmtpConnections extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnections.class);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final int mailsPerConnection;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    public SmtpConnections(int mailsPerConnection) {
        this.mailsPerConnection = mailsPerConnection;
    }

    /** Before any smtp or smtps endpoint is created: the components' configuration, as configured, creates our sender. */
    public void install(CamelContext context) {
        if (mailsPerConnection <= 1) {
            return; // one connection per mail, as Camel does it
        }
        for (String scheme : new String[] {"smtp", "smtps"}) {
            MailComponent component = context.getComponent(scheme, MailComponent.class);
            if (!settings(context, component.getConfiguration()).equals(settings(context, new MailConfiguration(context)))) {
                // camel.component.smtp.* settings are the operator's: we do not copy them over, Camel's sender stays
                LOG.info("{} component configured by its own settings: one SMTP connection per mail", scheme);
                continue;
            }
            component.setConfiguration(new Configuration(context));
        }
    }

    private static Map<String, Object> settings(CamelContext context, MailConfiguration configuration) {
        Map<String, Object> values = new TreeMap<>();
        PluginHelper.getBeanIntrospection(context).getProperties(configuration, values, null, false);
        values.replaceAll((name, value) -> String.valueOf(value));
        return values;
    }

    @Override
    protected void doStop() {
        open.forEach(Connection::close);
        open.clear();
    }

    /** Creates, for each endpoint, the sender below in place of Camel's, with Camel's settings. */
    private final class Configuration extends MailConfiguration {

        Configuration(CamelContext context) {
            super(context);
        }

        @Override
        protected JavaMailSender createJavaMailSender(CamelContext context) {
            JavaMailSender camels = super.createJavaMailSender(context);
            return camels instanceof DefaultJavaMailSender configured ? new Sender(configured) : camels;
        }
    }

    /** Camel's sender, but the connection outlives the mail. */
    private final class Sender extends DefaultJavaMailSender {

        private final ThreadLocal<Connection> mine = new ThreadLocal<>();

        Sender(DefaultJavaMailSender configured) {
            Properties properties = configured.getJavaMailProperties();
            if ("smtp".equals(configured.getProtocol()) && !properties.containsKey("mail.smtp.socketFactory")
                    && !properties.containsKey("mail.smtp.socketFactory.class")) {
                // before the session is made from them; STARTTLS layers over these sockets, smtps and a
                // socket factory of the operator's are left as they are
                properties.put("mail.smtp.socketFactory", new NoDelaySockets());
            }
            setJavaMailProperties(properties);
            setHost(configured.getHost());
            setPort(configured.getPort());
            setUsername(configured.getUsername());
            setPassword(configured.getPassword());
            setProtocol(configured.getProtocol());
            setAuthenticator(configured.getAuthenticator());
            setSession(configured.getSession());
        }

        @Override
        public void send(MimeMessage mail) throws MessagingException {
            Connection connection = mine.get();
            if (connection != null && !connection.usable()) {
                connection.close();
                connection = null;
            }
            if (connection == null) {
                Transport transport = getTransport(getSession());
                PasswordAuthentication login = getPasswordAuthentication();
                transport.connect(getHost(), getPort(), login.getUserName(), login.getPassword());
                connection = new Connection(transport);
                mine.set(connection);
                open.add(connection);
            }
            try {
                String messageId = mail.getMessageID();
                mail.saveChanges();
                if (messageId != null) {
                    mail.setHeader("Message-ID", messageId); // saveChanges would make a new one
                }
                connection.transport.sendMessage(mail, mail.getAllRecipients());
                connection.used();
            } catch (MessagingException | RuntimeException e) {
                connection.close();
                mine.remove();
                throw e;
            }
        }
    }

    /** One open connection and how much it has been used. */
    private final class Connection {
        final Transport transport;
        int mails;
        long lastUsed = System.nanoTime();

        Connection(Transport transport) {
            this.transport = transport;
        }

        boolean usable() {
            // no NOOP to ask (a round trip per mail): a connection the relay has closed fails the send, and the retry opens another
            return mails < mailsPerConnection && System.nanoTime() - lastUsed < IDLE_NANOS;
        }

        void used() {
            mails++;
            lastUsed = System.nanoTime();
        }

        void close() {
            open.remove(this);
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing a connection that is gone already
            }
        }
    }
}
