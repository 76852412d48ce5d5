package org.camelmm7.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.camelmm7.RunningGateway;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;

/**
 * routes/mm7-server.camel.yaml on its own (camel-test-main-junit5, the gateway's configuration, no
 * listener): a request handed to direct:mm7-request as a VASP path's route hands it over is answered,
 * a DeliverReq only once its mail is in the spool (with no mail leg running, in the spool's store),
 * what cannot be read with a fault.
 */
class Mm7ServerRoutesTest extends RouteFileTestSupport {

    @Override
    String routeFile() {
        return "mm7-server.camel.yaml";
    }

    private Exchange post(String contentType, Object body) {
        return template.request("direct:mm7-request", e -> {
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
            e.getMessage().setBody(body);
            Mm7Exchange.VASP_PATH.set(e, "/photo_contest/");
            Mm7Exchange.PEER.set(e, "192.0.2.1");
        });
    }

    @Test
    void aDeliverReqIsAnswered1000OnceItsMailIsInTheSpool() throws Exception {
        Exchange answered = post(Samples.deliverReqContentType(), Samples.deliverReq());
        assertThat(answered.getMessage().getBody(String.class)).contains("DeliverRsp", "<StatusCode>1000</StatusCode>");
        String gatewayId = Mm7Exchange.GATEWAY_ID.get(answered);
        List<Path> spooled = RunningGateway.files(dir.resolve("spool"));
        assertThat(spooled).extracting(f -> f.getFileName().toString()).contains(gatewayId + ".eml");
        assertThat(Files.readString(dir.resolve("spool").resolve(gatewayId + ".eml"))).contains("X-MM7-VASP-Path: /photo_contest/");
    }

    @Test
    void whatCannotBeReadIsAFault() {
        Exchange answered = post("text/xml", "<not-mm7/>");
        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(500);
        assertThat(answered.getMessage().getBody(String.class)).contains("<faultcode>env:Client</faultcode>", "<StatusCode>4004</StatusCode>");
    }
}
