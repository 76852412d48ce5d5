package org.camelmm7.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Operation;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7RequestParser;
import org.camelmm7.mm7.Mm7Response;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.Mm7Transaction;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.mm7.StatusCode;

/**
 * A small MMSC for local loops and tests: it answers each SubmitReq with the next status of a
 * configured sequence (the last one repeats), a SubmitRsp with a MessageID for 1xxx, an
 * RSErrorRsp fault for the others, an HTTP error with a text body for {@code httpNNN} (Mbuni's
 * {@code http409} throttling answer), and prepares a DeliveryReportReq per recipient for the route
 * that posts them back to the gateway: filled as most MMSCs do, or with Recipient and Sender
 * swapped as Mbuni does, and sent more than once if asked. It remembers the last
 * {@value #REMEMBERED} requests.
 */
public final class MmscSimulator {

    static final int REMEMBERED = 1000;
    /** What Mbuni's MMSC answers when a VASP sends faster than its throttle allows. */
    static final String THROTTLED = "Throttling limit exceeded. Try again later";

    private final Mm7RequestParser parser = new Mm7RequestParser();
    private final Mm7Writer writer = new Mm7Writer();
    private final List<String> statuses;
    private final long slowDelayMillis;
    private final String deliveryReportStatus;
    private final boolean swappedReportRoles;
    private final int deliveryReportCopies;
    private final String deliveryReportUrl;
    private final AtomicInteger answered = new AtomicInteger();
    private final List<Mm7Request> received = new CopyOnWriteArrayList<>();
    private final List<Mm7HttpBody> receivedBodies = new CopyOnWriteArrayList<>();
    private final List<RequestHeaders> headers = new CopyOnWriteArrayList<>();

    /** The HTTP headers of a request that matter to MM7 peers. */
    public record RequestHeaders(String authorization, String soapAction) {
    }

    /**
     * Its statuses answered in turn, the last repeating ({@code slow} answers 1000 only after the slow
     * delay, for testing response timers); reports with the configured MMStatus (none when empty),
     * roles and copies, posted to the configured URL.
     */
    public MmscSimulator(SimulatorSettings settings) {
        this.statuses = settings.statuses().isEmpty() ? List.of("1000") : List.copyOf(settings.statuses());
        this.deliveryReportStatus = settings.deliveryReportStatus();
        this.slowDelayMillis = settings.slowDelayMillis();
        this.swappedReportRoles = settings.swappedReportRoles();
        this.deliveryReportCopies = Math.max(1, settings.deliveryReportCopies());
        this.deliveryReportUrl = settings.deliveryReportUrl();
    }

    public void answer(Exchange exchange) {
        Message message = exchange.getMessage();
        int n = answered.getAndIncrement();
        String next = statuses.get(Math.min(n, statuses.size() - 1)).trim();
        if (next.equalsIgnoreCase("slow")) {
            sleep(slowDelayMillis);
        }
        remember(headers, new RequestHeaders(message.getHeader("Authorization", String.class), message.getHeader("SOAPAction", String.class)));
        Mm7HttpBody wire = new Mm7HttpBody(message.getHeader(Exchange.CONTENT_TYPE, String.class), message.getBody(byte[].class));
        if (next.toLowerCase().startsWith("http")) {
            int http = Integer.parseInt(next.substring(4));
            remember(receivedBodies, wire);
            respond(message, http, "text/plain", (http == 409 ? THROTTLED : "HTTP " + http + " from the simulated MMSC").getBytes(StandardCharsets.UTF_8));
            return;
        }
        int code = next.equalsIgnoreCase("slow") ? 1000 : Integer.parseInt(next);
        Mm7Request request;
        try {
            request = parser.parse(wire.contentType(), wire.bytes());
        } catch (Mm7Exception e) {
            respond(message, 500, writer.writeFault(e.transaction(), e.status(), false).bytes());
            return;
        }
        if (request.operation() != Mm7Operation.SUBMIT) {
            respond(message, 500, writer.writeFault(request.transaction(), Mm7Status.of(StatusCode.UNSUPPORTED_OPERATION), false).bytes());
            return;
        }
        remember(received, request);
        remember(receivedBodies, wire);
        Mm7Status status = new Mm7Status(code, StatusCode.standardText(code), null);
        if (!status.isSuccess()) {
            respond(message, 500, writer.writeFault(request.transaction(), status, false).bytes());
            return;
        }
        String messageId = "sim-" + (n + 1);
        respond(message, 200, writer.writeResponse(new Mm7Response(Mm7Operation.SUBMIT, request.transaction(), status, messageId, null)).bytes());
        if (deliveryReportStatus != null && !deliveryReportStatus.isBlank()) {
            Mm7Exchange.SIMULATED_DELIVERY_REPORTS.set(exchange, deliveryReports(request, messageId));
            Mm7Exchange.SIMULATED_REPORT_ENDPOINT.set(exchange, deliveryReportEndpoint());
        }
    }

    /** The endpoint the reports are posted to: an answer of any status is the gateway's to give, not a failure here. */
    private String deliveryReportEndpoint() {
        return deliveryReportUrl + (deliveryReportUrl.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false";
    }

    /** Authorization and SOAPAction of every request answered, in order. */
    public List<RequestHeaders> requestHeaders() {
        return List.copyOf(headers);
    }

    /** The SubmitReqs as they came over the wire, in order. */
    public List<Mm7HttpBody> receivedBodies() {
        return List.copyOf(receivedBodies);
    }

    /** The SubmitReqs this simulator accepted to answer, in order. */
    public List<Mm7Request> received() {
        return List.copyOf(received);
    }

    private List<String> deliveryReports(Mm7Request submit, String messageId) {
        List<String> reports = new ArrayList<>();
        Mm7Address sender = submit.senderIdentification().senderAddress() != null
                ? submit.senderIdentification().senderAddress() : Mm7Address.shortCode("0");
        for (Mm7Address recipient : submit.recipients().all()) {
            Mm7Request report = Mm7Request.builder(Mm7Operation.DELIVERY_REPORT)
                    .transaction(new Mm7Transaction(submit.transaction().namespace(), "dr-" + messageId + "-" + reports.size(),
                            submit.transaction().mm7Version()))
                    .field("MMSRelayServerID", "camel-mm7-gateway-simulator")
                    .field("MessageID", messageId)
                    .recipient(swappedReportRoles ? sender : recipient)
                    .sender(swappedReportRoles ? recipient : sender)
                    .field("Date", Instant.now().toString())
                    .field("MMStatus", deliveryReportStatus)
                    .field("StatusText", "simulated " + deliveryReportStatus)
                    .build();
            for (int copy = 0; copy < deliveryReportCopies; copy++) {
                reports.add(writer.writeRequest(report).asString());
            }
        }
        return reports;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(Message message, int status, byte[] body) {
        respond(message, status, Mm7Writer.XML_CONTENT_TYPE, body);
    }

    private static void respond(Message message, int status, String contentType, byte[] body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }

    /** Keeps the newest entries only: a simulator left running for days must not grow without end. */
    private static <T> void remember(List<T> list, T entry) {
        list.add(entry);
        while (list.size() > REMEMBERED) {
            list.remove(0);
        }
    }
}
