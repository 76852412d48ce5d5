// The Camel floor: the least work a Camel route on platform-http (the gateway's HTTP stack) does for an
// MM7 request. The route reads the body and answers the same fixed 1000 DeliverRsp as Floor.java; no
// parsing, no credentials, no logging. What it costs over the Vert.x floor is Camel's, not the gateway's.
// ANSWER says what the route sets as the answer's body: "bytes" (a byte[], which platform-http converts to
// an InputStream and pumps into the response on the worker pool) or "buffer" (a Vert.x Buffer, which it
// ends the response with in one write, as the gateway does).
//
//   java -cp <the gateway's runtime class path> CamelFloor.java PORT [bytes|buffer]

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

public class CamelFloor {

    static final byte[] ANSWER = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Header>"
            + "<mm7:TransactionID xmlns:mm7=\"http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4\""
            + " env:mustUnderstand=\"1\">bench-000001</mm7:TransactionID></env:Header><env:Body>"
            + "<DeliverRsp xmlns=\"http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4\">"
            + "<MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode><StatusText>Success</StatusText></Status>"
            + "</DeliverRsp></env:Body></env:Envelope>\r\n").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        boolean buffer = args.length > 1 && args[1].equals("buffer");
        Main main = new Main();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", args[0]);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/mm7/?httpMethodRestrict=POST").routeId("camel-floor")
                        .process(exchange -> {
                            exchange.getMessage().getBody(byte[].class);
                            exchange.getMessage().removeHeaders("*");
                            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=\"utf-8\"");
                            exchange.getMessage().setBody(buffer ? Buffer.buffer(ANSWER) : ANSWER);
                        });
            }
        });
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                System.out.println("floor listening on 127.0.0.1:" + args[0] + " (Camel platform-http, answers a "
                        + (buffer ? "Vert.x Buffer" : "byte[]") + ")");
            }
        });
        main.run();
    }
}
