package org.camelmm7;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.paging.impl.PagingManagerImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.files.FileStoreMonitor;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An Apache ActiveMQ Artemis broker in the test's JVM, persistent in a directory (so a restart
 * keeps its messages), on a loopback port. Gateways reach it as they would a stand-alone one.
 */
public final class TestBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private EmbeddedActiveMQ broker;
    private FileStoreMonitor diskMonitor;
    private final Map<Byte, AtomicLong> packetsReceived = new ConcurrentHashMap<>();

    private TestBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static TestBroker start(Path dir) throws Exception {
        TestBroker b = new TestBroker(dir, RunningGateway.freePortForRestarts());
        b.start();
        return b;
    }

    public synchronized void start() throws Exception {
        Configuration c = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                // Artemis blocks producers when the disk is over 90 % full (max-disk-usage): a shared CI
                // disk is no reason for a test to hang
                .setMaxDiskUsage(-1)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        // a message whose delivery failed goes back at once, ten times, then to DLQ (Artemis's defaults, said here)
        c.addAddressSetting("#", new AddressSettings().setAutoCreateQueues(true).setAutoCreateAddresses(true)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST).setMaxDeliveryAttempts(10).setDeadLetterAddress(
                        org.apache.activemq.artemis.api.core.SimpleString.of("DLQ")));
        c.addQueueConfiguration(QueueConfiguration.of("DLQ").setRoutingType(RoutingType.ANYCAST));
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(c);
        broker.start();
        Interceptor counter = (packet, connection) -> {
            packetsReceived.computeIfAbsent(packet.getType(), t -> new AtomicLong()).incrementAndGet();
            return true;
        };
        broker.getActiveMQServer().getRemotingService().addIncomingInterceptor(counter);
    }

    /** Packets of a type of Artemis's core protocol ({@code PacketImpl}'s constants) the broker received from its clients. */
    public long packetsReceived(byte type) {
        AtomicLong n = packetsReceived.get(type);
        return n == null ? 0 : n.get();
    }

    public synchronized void stop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
            diskMonitor = null;
        }
    }

    /** The URL a gateway's mm7.broker.url takes: fails fast when the broker is away, so intake answers 4006. */
    public String url() {
        return "tcp://127.0.0.1:" + port + "?callTimeout=5000&reconnectAttempts=0";
    }

    /**
     * Makes the broker see its disk as beyond {@code max-disk-usage}, when Artemis gives no producer
     * credit to send (its client then waits for credit without end); {@code false}: room again.
     */
    public synchronized void diskFull(boolean full) throws Exception {
        ActiveMQServer server = broker.getActiveMQServer();
        if (diskMonitor == null) {
            diskMonitor = new FileStoreMonitor(server.getScheduledPool(), server.getExecutorFactory().getExecutor(), 1, TimeUnit.HOURS,
                    1.0, (cause, message, file) -> { }, FileStoreMonitor.FileStoreMonitorType.MaxDiskUsage);
            diskMonitor.addStore(dir.toFile());
            ((PagingManagerImpl) server.getPagingManager()).injectMonitor(diskMonitor);
        }
        diskMonitor.setMaxUsage(full ? 0.0 : 1.0);
        diskMonitor.tick();
    }

    /** Messages waiting in a queue (0 when it does not exist). */
    public long messages(String queue) {
        var q = broker.getActiveMQServer().locateQueue(queue);
        return q == null ? 0 : q.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
