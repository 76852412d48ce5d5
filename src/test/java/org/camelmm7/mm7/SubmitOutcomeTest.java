package org.camelmm7.mm7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.SubmitOutcome.Kind;
import org.junit.jupiter.api.Test;

/** The MMSC's answers a client meets (docs/mm7.md) and what the client makes of them. */
class SubmitOutcomeTest {

    private final Mm7ResponseParser parser = new Mm7ResponseParser();
    /** The shipped mm7.client.domain-defaults.permanent-http-statuses. */
    private static final Set<Integer> PERMANENT = Arrays
            .stream(RunningGateway.shipped("mm7.client.domain-defaults.permanent-http-statuses").split(","))
            .map(s -> Integer.valueOf(s.trim())).collect(Collectors.toSet());
    private final Mm7Writer writer = new Mm7Writer();
    private final Mm7Transaction tx = new Mm7Transaction(Mm7Namespaces.REL_6_MM7_1_4, "t-1", "6.8.0");

    private SubmitOutcome answer(int http, String xml) {
        return SubmitOutcome.of(http, "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8), parser, PERMANENT);
    }

    private String submitRsp(int code) {
        return writer.writeResponse(new Mm7Response(Mm7Operation.SUBMIT, tx, new Mm7Status(code, "", null), "mmsc-42", null)).asString();
    }

    private String fault(int code) {
        return writer.writeFault(tx, new Mm7Status(code, "", "why"), false).asString();
    }

    @Test
    void successAndPartialSuccessAreDeliveredWithTheMmscMessageId() {
        SubmitOutcome ok = answer(200, submitRsp(1000));
        assertThat(ok.kind()).isEqualTo(Kind.DELIVERED);
        assertThat(ok.messageId()).isEqualTo("mmsc-42");
        assertThat(ok.status().text()).isEqualTo("Success");
        assertThat(answer(200, submitRsp(1100)).kind()).isEqualTo(Kind.DELIVERED);
    }

    @Test
    void serverErrorAndServiceUnavailableAreTemporary() {
        assertThat(answer(500, fault(3000)).kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(answer(500, fault(4006)).kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(answer(200, submitRsp(4006)).kind()).isEqualTo(Kind.TEMPORARY);
    }

    @Test
    void otherStatusesArePermanentEvenInAFaultWithHttp200() {
        SubmitOutcome addressError = answer(200, fault(2002));
        assertThat(addressError.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(addressError.reason()).startsWith("2002 Address Error");
        assertThat(answer(500, fault(4004)).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(answer(500, fault(3003)).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void namespaceQualifiedFaultElementsAndRsErrorRspInAnotherNamespace() {
        String xml = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + Mm7Namespaces.SOAP_ENVELOPE + "\"><SOAP-ENV:Body><SOAP-ENV:Fault>"
                + "<SOAP-ENV:faultcode>SOAP-ENV:Server</SOAP-ENV:faultcode><SOAP-ENV:faultstring>Server error</SOAP-ENV:faultstring>"
                + "<SOAP-ENV:detail><RSErrorRsp xmlns=\"" + Mm7Namespaces.REL_5_MM7_1_0 + "\"><MM7Version>5.3.0</MM7Version>"
                + "<Status><StatusCode>2007</StatusCode><StatusText></StatusText></Status><Extra/></RSErrorRsp></SOAP-ENV:detail>"
                + "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        SubmitOutcome outcome = answer(200, xml);
        assertThat(outcome.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(outcome.status().code()).isEqualTo(2007);
        assertThat(outcome.status().text()).isEqualTo("Message format corrupt");
    }

    @Test
    void http5xxWithoutSoapBodyAndUnreadableAnswersAreTemporary() {
        assertThat(answer(500, "").kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(answer(503, "<html>busy</html>").kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(answer(200, "not xml at all").kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(SubmitOutcome.ofTransportFailure(new ConnectException("Connection refused")).kind()).isEqualTo(Kind.TEMPORARY);
    }

    @Test
    void httpErrorsWithoutAnMm7StatusAreTemporaryUnlessResendingCannotCureThem() {
        assertThat(answer(404, "<html><body>Not Found</body></html>")).satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Kind.PERMANENT);
            assertThat(o.reason()).isEqualTo("HTTP 404 without an MM7 status: Not Found");
        });
        for (int status : new int[] {400, 405, 413, 415}) {
            assertThat(answer(status, "").kind()).as("HTTP %d", status).isEqualTo(Kind.PERMANENT);
        }
        // Mbuni's throttling answer: retried, with the MMSC's own words
        SubmitOutcome throttled = SubmitOutcome.of(409, "text/plain", "Throttling limit exceeded. Try again later".getBytes(StandardCharsets.UTF_8),
                parser, PERMANENT);
        assertThat(throttled.kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(throttled.reason()).isEqualTo("HTTP 409 without an MM7 status: Throttling limit exceeded. Try again later");
        // credentials: a configuration change on either side cures them, and the retried mail is then delivered
        assertThat(answer(401, "").kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(answer(401, "").credentialsRefused()).isTrue();
        assertThat(answer(403, "").kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(answer(429, "").kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(answer(408, "").kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(answer(503, "").kind()).isEqualTo(Kind.TEMPORARY);
        // a domain may call other statuses permanent
        assertThat(SubmitOutcome.of(409, "text/plain", new byte[0], parser, Set.of(409)).kind()).isEqualTo(Kind.PERMANENT);
    }
}
