package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every spelling of a Listen address on one port beside an IPv4 socket on the same port (what
 * operators write for nginx and Apache, and Momentum's own quick-start pair): the gateway starts,
 * and a DeliverReq to 127.0.0.1 and to [::1] is accepted.
 */
class ListenSpellingsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void ipv6Loopback() {
        Assumptions.assumeTrue(TlsListenerTest.canBind("::1"), "this machine has no IPv6 loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {":P", "*:P", "[*]:P", "0.0.0.0:P, :P", "0.0.0.0:P, *:P", "0.0.0.0:P, 0.0.0.0:P", "0.0.0.0:P, [::]:P", "0.0.0.0:P, [*]:P",
            "0.0.0.0:P, [::1]:P", ":P, [::1]:P", "[::]:P, 0.0.0.0:P", "127.0.0.1:P, [::1]:P", "[*]:P, 127.0.0.1:P"})
    void startsAndTakesDeliverReqsOnIpv4AndIpv6Loopback(String listen) throws Exception {
        int port = RunningGateway.freePort();
        Map<String, String> p = new HashMap<>(Map.of("mm7.server.listen", listen.replace("P", Integer.toString(port)), "mms.logger.heartbeat", "0"));
        try (RunningGateway gw = RunningGateway.start(dir, port, p)) {
            for (String host : new String[] {"127.0.0.1", "[::1]"}) {
                HttpResponse<String> answer = RunningGateway.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/photo_contest/"))
                        .header("Content-Type", Samples.deliverReqContentType()).POST(HttpRequest.BodyPublishers.ofByteArray(Samples.deliverReq())).build());
                assertThat(answer.statusCode()).as(listen + " via " + host).isEqualTo(200);
                assertThat(answer.body()).contains("<StatusCode>1000</StatusCode>");
            }
        }
    }
}
