package org.camelmm7.server;

import java.time.Instant;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.hooks.Mm7RequestEval;
import org.camelmm7.hooks.Mm7RequestView;
import org.camelmm7.mm7.MimeEntity;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Namespaces;
import org.camelmm7.mm7.Mm7Operation;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7Response;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.Mm7Transaction;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.mm7.StatusCode;
import org.camelmm7.support.BufferBytes;
import org.camelmm7.support.GatewayMessageIds;
import org.camelmm7.support.LogSafe;
import org.camelmm7.support.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge between the HTTP exchange and the MM7 codec on the VASP side: reads the request into
 * exchange properties, and writes the answer (200 with the response, or 500 with a SOAP Fault)
 * with nothing of the request's headers echoed back.
 */
public final class Mm7HttpExchange {


    private static final Logger LOG = LoggerFactory.getLogger(Mm7HttpExchange.class);
    private static final String REJECTED = "rejected {} tx={} from {} on {}: {} {}: {}";

    private final RateLimitedLog retryLater = new RateLimitedLog(LOG, 1000);
    private final RateLimitedLog storageDown = new RateLimitedLog(LOG, 1000);

    private final Mm7Writer writer;
    private final GatewayMessageIds ids;
    private final String serverVersion;
    private final boolean forceVersion;
    private final Mm7Hooks hooks;
    private final MimeEntity.Limits limits;

    public Mm7HttpExchange(ServerSettings settings, GatewayMessageIds ids, Mm7Hooks hooks) {
        this.limits = settings.limits();
        this.writer = new Mm7Writer();
        this.ids = ids;
        this.serverVersion = settings.version();
        this.forceVersion = settings.forceVersion();
        this.hooks = hooks;
    }

    /**
     * The request as it came: its bytes, read whole (the body becomes them, for the MM7 data format
     * to read without a copy), a gateway message ID, the time and the peer as properties.
     */
    public void receive(Exchange exchange) {
        Mm7Exchange.GATEWAY_ID.set(exchange, ids.next());
        Mm7Exchange.RECEIVED_AT.set(exchange, Instant.now());
        Mm7Exchange.PEER.set(exchange, peer(exchange));
        Message in = exchange.getMessage();
        // the array the listener read the body into, not a copy of it
        byte[] body = in.getBody() instanceof Buffer read ? BufferBytes.of(read) : in.getBody(byte[].class);
        Mm7Exchange.REQUEST_SIZE.set(exchange, body == null ? 0L : (long) body.length);
        if (body == null || body.length == 0) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "empty request body", null);
        }
        // a body that lost bytes on the way in (the connection, memory) must never be accepted: the MMSC is to send it again
        Long declared = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared != body.length) {
            LOG.error("request body of {} bytes where Content-Length says {}: not read whole", body.length, declared);
            throw new Mm7Exception(StatusCode.SERVICE_UNAVAILABLE, "the request was not read whole; send it again", null);
        }
        in.setBody(body);
    }

    /**
     * The request the MM7 data format read (the body): the request and its operation as properties
     * for the steps that follow, then the mm7RequestEval extension point.
     */
    public void accept(Exchange exchange) {
        Mm7Request request = exchange.getMessage().getBody(Mm7Request.class);
        exchange.getMessage().setBody(null); // the properties hold it from here
        Mm7Exchange.REQUEST.set(exchange, request);
        Mm7Exchange.OPERATION.set(exchange, request.operation());
        if (LOG.isDebugEnabled()) {
            LOG.debug("read {} {} tx={} ({} bytes, MM7Version {}) from {} on {}", request.operation().requestElement(),
                    Mm7Exchange.GATEWAY_ID.get(exchange), LogSafe.text(request.transactionId()), Mm7Exchange.REQUEST_SIZE.get(exchange),
                    LogSafe.text(request.transaction().mm7Version()), Mm7Exchange.PEER.get(exchange), Mm7Exchange.VASP_PATH.get(exchange));
        }
        evaluate(exchange, request);
    }

    /** The mm7RequestEval extension point: a changed request, another answer, no conversion, or a refusal. */
    private void evaluate(Exchange exchange, Mm7Request request) {
        Mm7RequestView view = new Mm7RequestView(request, limits);
        Mm7RequestEval.Decision decision = hooks.requestEval().evaluate(view);
        Mm7Request changed = view.changed();
        if (changed != request) {
            LOG.debug("mm7RequestEval changed {}", Mm7Exchange.GATEWAY_ID.get(exchange));
            Mm7Exchange.RECEIVED_REQUEST.set(exchange, request);
            Mm7Exchange.REQUEST.set(exchange, changed);
        }
        if (!view.mailHeaders().isEmpty()) {
            view.mailHeaders().forEach((name, value) -> {
                if (!name.matches("[!-9;-~]+") || value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalStateException("mm7RequestEval added a mail header field that cannot be written: " + LogSafe.text(name));
                }
            });
            Mm7Exchange.MAIL_HEADERS.set(exchange, Map.copyOf(view.mailHeaders()));
        }
        if (decision == null) {
            return;
        }
        LOG.debug("mm7RequestEval chose {} for {} ({})", decision.action(), Mm7Exchange.GATEWAY_ID.get(exchange), decision.status());
        if (decision.status() != null) {
            Mm7Exchange.RESPONSE_STATUS.set(exchange, decision.status());
        }
        if (decision.serviceCode() != null) {
            Mm7Exchange.RESPONSE_SERVICE_CODE.set(exchange, decision.serviceCode());
        }
        switch (decision.action()) {
            case DELIVERED -> Mm7Exchange.ANSWERED_BY_HOOK.set(exchange, true);
            case PERM_FAIL -> {
                Mm7Status status = decision.status() != null ? decision.status() : Mm7Status.of(StatusCode.SERVICE_DENIED);
                StatusCode code = StatusCode.of(status.code()).orElse(StatusCode.SERVICE_DENIED);
                throw new Mm7Exception(code, status.details() != null ? status.details() : "refused by mm7RequestEval", request.transaction());
            }
            default -> { }
        }
    }

    /** The mm7RequestEval extension point answered the request as delivered: it is answered, not converted. */
    public boolean isAnsweredByHook(Exchange exchange) {
        return Mm7Exchange.ANSWERED_BY_HOOK.get(exchange, false);
    }

    public boolean isDeliverReq(Exchange exchange) {
        return operation(exchange) == Mm7Operation.DELIVER;
    }

    public boolean isDeliveryReport(Exchange exchange) {
        return operation(exchange) == Mm7Operation.DELIVERY_REPORT;
    }

    public boolean isReadReply(Exchange exchange) {
        return operation(exchange) == Mm7Operation.READ_REPLY;
    }

    private static Mm7Operation operation(Exchange exchange) {
        return Mm7Exchange.OPERATION.get(exchange);
    }

    /** MMSC-side operations (SubmitReq, CancelReq, ...) posted to a VASP path: 4003. */
    public void refuseOperation(Exchange exchange) {
        Mm7Request request = Mm7Exchange.REQUEST.get(exchange);
        throw new Mm7Exception(StatusCode.UNSUPPORTED_OPERATION,
                request.operation().requestElement() + " is sent to an MMSC, not to a VASP", request.transaction());
    }

    /** HTTP 200 with the response to the request: status 1000 unless a step set another status. */
    public void answer(Exchange exchange) {
        Mm7Request request = Mm7Exchange.REQUEST.get(exchange);
        Mm7Status status = Mm7Exchange.RESPONSE_STATUS.get(exchange, Mm7Status.of(StatusCode.SUCCESS));
        Mm7Response response = new Mm7Response(request.operation(), answerTransaction(request.transaction()), status, null,
                Mm7Exchange.RESPONSE_SERVICE_CODE.get(exchange));
        String report = request.messageId() == null ? "" : " MessageID " + LogSafe.text(request.messageId())
                + (request.mmStatus() == null ? "" : " " + request.mmStatus());
        LOG.info("{} {} tx={}{} from {} on {}: {} {}", request.operation().requestElement(), Mm7Exchange.GATEWAY_ID.get(exchange),
                LogSafe.text(request.transactionId()), report, peer(exchange), Mm7Exchange.VASP_PATH.get(exchange), status.code(), status.text());
        Mm7Exchange.ANSWERED.set(exchange, status);
        respond(exchange, 200, writer.writeResponse(response));
    }

    /** HTTP 500 with a SOAP Fault holding VASPErrorRsp; what could be read of the request is echoed. */
    public void fault(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (HttpAnswer.sent(exchange)) {
            // a step after the answer failed: the MMSC has its answer, and the exchange keeps the status it was given
            LOG.error("failed after answering {} {}", opName(exchange), Mm7Exchange.GATEWAY_ID.get(exchange), cause);
            return;
        }
        Mm7Exception mm7 = cause instanceof Mm7Exception e ? e
                : new Mm7Exception(StatusCode.SERVER_ERROR, "the request could not be processed", transactionOf(exchange), cause);
        Mm7Transaction tx = answerTransaction(mm7.transaction().transactionId() == null ? transactionOf(exchange) : mm7.transaction());
        if (cause instanceof Mm7Exception) {
            Object[] line = {opName(exchange), LogSafe.text(tx.transactionId()), peer(exchange), Mm7Exchange.VASP_PATH.get(exchange),
                mm7.statusCode().code(), mm7.statusCode().text(), LogSafe.text(mm7.getMessage())};
            if (mm7.statusCode() == StatusCode.SERVICE_UNAVAILABLE) {
                // "retry later" can be the answer to every request for a while (a full disk): a line a second at most
                retryLater.warn(REJECTED, line);
            } else {
                LOG.warn(REJECTED, line);
            }
        } else {
            // not the request's fault as far as we can tell: the stack trace is for whoever fixes the gateway
            LOG.error("failed {} tx={} from {} on {}: {} {}", opName(exchange), LogSafe.text(tx.transactionId()), peer(exchange),
                    Mm7Exchange.VASP_PATH.get(exchange), mm7.statusCode().code(), mm7.statusCode().text(), cause);
        }
        Mm7Exchange.ANSWERED.set(exchange, mm7.status());
        Mm7Exchange.FAULT_TRANSACTION.set(exchange, tx);
        respond(exchange, 500, writer.writeFault(tx, mm7.status(), true));
    }

    /** Spool or tracking database trouble: the MMSC must retry later (4006), and nothing was accepted. */
    public void serviceUnavailable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new Mm7Exception(StatusCode.SERVICE_UNAVAILABLE,
                "the message cannot be stored now; retry later", transactionOf(exchange), cause));
        storageDown.error("{} unavailable, answering 4006: {}", cause instanceof java.sql.SQLException ? "tracking database" : "spool",
                cause == null ? "unknown" : cause.getMessage());
        fault(exchange);
    }

    private Mm7Transaction answerTransaction(Mm7Transaction tx) {
        String ns = tx.namespace() != null ? tx.namespace() : Mm7Namespaces.REL_6_MM7_1_4;
        String version = forceVersion || tx.mm7Version() == null ? serverVersion : tx.mm7Version();
        return new Mm7Transaction(ns, tx.transactionId(), version);
    }

    private static Mm7Transaction transactionOf(Exchange exchange) {
        Mm7Request request = Mm7Exchange.REQUEST.get(exchange);
        return request == null ? Mm7Transaction.UNKNOWN : request.transaction();
    }

    private static String opName(Exchange exchange) {
        Mm7Request request = Mm7Exchange.REQUEST.get(exchange);
        return request == null ? "request" : request.operation().requestElement();
    }

    static String peer(Exchange exchange) {
        String known = Mm7Exchange.PEER.get(exchange);
        if (known != null) {
            return known;
        }
        Object address = exchange.getMessage().getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS);
        if (address instanceof SocketAddress socket) {
            return socket.hostAddress();
        }
        return address == null ? "unknown" : address.toString();
    }

    private static void respond(Exchange exchange, int status, Mm7HttpBody body) {
        HttpAnswer.send(exchange, status, body);
    }
}
