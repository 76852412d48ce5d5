package org.camelmm7.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelmm7.support.Endpoints.MailRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Endpoint URIs read as Camel reads them, not by hand. */
class EndpointsTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void relayHostAndPortWithoutCredentialsOrOptions() {
        assertThat(Endpoints.mailRelayOf(camel, "smtp://gw@relay.example.net:2525?password=s3cr@t"))
                .isEqualTo(new MailRelay("smtp", "relay.example.net", 2525));
        assertThat(Endpoints.mailRelayOf(camel, "smtps://relay.example.net")).isEqualTo(new MailRelay("smtps", "relay.example.net", 465));
        assertThat(Endpoints.mailRelayOf(camel, "smtp:relay.example.net?debugMode=true")).isEqualTo(new MailRelay("smtp", "relay.example.net", 25));
    }

    @Test
    void noRelayForOtherEndpoints() {
        assertThat(Endpoints.mailRelayOf(camel, "file:outbox")).isEqualTo(new MailRelay("file", null, -1));
        assertThat(Endpoints.mailRelayOf(camel, "jms:queue:mail")).isEqualTo(new MailRelay("jms", null, -1));
    }

    @Test
    void theDirectoryOfAFileEndpoint() {
        assertThat(Endpoints.directoryOf(camel, "file:spool/incoming?tempFileName=.${file:name}.part&delete=true"))
                .isEqualTo(Path.of("spool/incoming"));
        assertThat(Endpoints.directoryOf(camel, "smtp://relay.example.net")).isNull();
    }
}
