package org.camelmm7.dataformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.mm7.MimeEntity;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7Operation;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7WriterOptions;
import org.camelmm7.mm7.Samples;
import org.camelmm7.mm7.StatusCode;
import org.junit.jupiter.api.Test;

/** The MM7 data format in a Camel route of its own, as an estate would use it: bytes ⇄ the typed model. */
class Mm7DataFormatTest {

    private final List<Object> received = new CopyOnWriteArrayList<>();

    private CamelContext routes(Mm7DataFormat mm7) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:read").unmarshal(mm7).process(e -> received.add(e.getMessage().getBody()));
                from("direct:write").marshal(mm7);
            }
        });
        camel.start();
        return camel;
    }

    @Test
    void unmarshalReadsAnMmscsDeliverReqIntoTheModel() throws Exception {
        try (CamelContext camel = routes(new Mm7DataFormat())) {
            camel.createProducerTemplate().sendBodyAndHeader("direct:read", Samples.deliverReq(), Exchange.CONTENT_TYPE, Samples.deliverReqContentType());
            Mm7Request request = (Mm7Request) received.get(0);
            assertThat(request.operation()).isEqualTo(Mm7Operation.DELIVER);
            assertThat(request.transactionId()).isEqualTo("vasp-deliver-0001");
            assertThat(request.recipients().to()).containsExactly(Mm7Address.shortCode("12345"));
            assertThat(request.content().entity().leaves()).hasSize(3);
        }
    }

    @Test
    void whatCannotBeReadIsAFaultWithItsMm7StatusAndTheLimitsHold() throws Exception {
        try (CamelContext camel = routes(new Mm7DataFormat(new MimeEntity.Limits(1, 1000, 64 * 1024, 256 * 1024)))) {
            ProducerTemplate producer = camel.createProducerTemplate();
            assertThatThrownBy(() -> producer.sendBodyAndHeader("direct:read", "<not xml".getBytes(StandardCharsets.UTF_8), Exchange.CONTENT_TYPE, "text/xml"))
                    .isInstanceOf(CamelExecutionException.class).cause().isInstanceOfSatisfying(Mm7Exception.class,
                            e -> assertThat(e.statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR));
            // the sample nests its content two levels deep: over a depth of 1
            assertThatThrownBy(() -> producer.sendBodyAndHeader("direct:read", Samples.deliverReq(), Exchange.CONTENT_TYPE, Samples.deliverReqContentType()))
                    .cause().isInstanceOfSatisfying(Mm7Exception.class, e -> assertThat(e.statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR));
            assertThat(received).isEmpty();
        }
    }

    @Test
    void marshalWritesWithTheExchangesPrefixesAndReadsBackTheSame() throws Exception {
        try (CamelContext camel = routes(new Mm7DataFormat())) {
            ProducerTemplate producer = camel.createProducerTemplate();
            producer.sendBodyAndHeader("direct:read", Samples.deliverReq(), Exchange.CONTENT_TYPE, Samples.deliverReqContentType());
            Mm7Request original = (Mm7Request) received.get(0);
            Exchange written = producer.send("direct:write", e -> {
                e.getMessage().setBody(original);
                Mm7Exchange.WRITER_OPTIONS.set(e, new Mm7WriterOptions("soapenv", "mm7", true));
            });
            String contentType = written.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
            byte[] bytes = written.getMessage().getBody(byte[].class);
            assertThat(contentType).startsWith("multipart/related");
            assertThat(Mm7Exchange.MARSHALLED_BYTES.get(written)).isEqualTo(bytes.length);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("<soapenv:Envelope", "<mm7:DeliverReq");
            producer.sendBodyAndHeader("direct:read", bytes, Exchange.CONTENT_TYPE, contentType);
            Mm7Request again = (Mm7Request) received.get(1);
            assertThat(again.transactionId()).isEqualTo(original.transactionId());
            assertThat(again.recipients()).isEqualTo(original.recipients());
            assertThat(again.subject()).isEqualTo(original.subject());
            assertThat(again.content().entity().leaves()).hasSize(3);
        }
    }
}
