package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.camelmm7.dataformat.Mm7DataFormat;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.mm7.MimeEntity;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Samples;
import org.camelmm7.mm7.StatusCode;
import org.camelmm7.support.GatewayMessageIds;
import org.junit.jupiter.api.Test;

/** The edge between HTTP and the codec, on exchanges made by hand: what HTTP cannot easily produce. */
class Mm7HttpExchangeTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final Mm7HttpExchange edge = new Mm7HttpExchange(new ServerSettings(VaspPaths.parse("/mm7/"), "6.8.0", false, MimeEntity.Limits.DEFAULT),
            new GatewayMessageIds(), bound(new Mm7Hooks(camel.getRegistry())));

    private static Mm7Hooks bound(Mm7Hooks hooks) {
        hooks.bindDefaults();
        return hooks;
    }

    private Exchange request(byte[] body, long contentLength) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(body);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, Samples.deliverReqContentType());
        e.getMessage().setHeader(Exchange.CONTENT_LENGTH, Long.toString(contentLength));
        return e;
    }

    @Test
    void aBodyShorterThanItsContentLengthIsNeverAccepted() {
        byte[] whole = Samples.deliverReq();
        byte[] cut = Arrays.copyOf(whole, whole.length - 100);
        assertThatThrownBy(() -> edge.receive(request(cut, whole.length))).isInstanceOfSatisfying(Mm7Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void aBodyOfItsContentLengthIsRead() throws Exception {
        byte[] whole = Samples.deliverReq();
        Exchange e = request(whole, whole.length);
        edge.receive(e);
        e.getMessage().setBody(new Mm7DataFormat().unmarshal(e, e.getMessage().getBody()));
        edge.accept(e);
        assertThat(edge.isDeliverReq(e)).isTrue();
    }
}
