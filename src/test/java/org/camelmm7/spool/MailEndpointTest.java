package org.camelmm7.spool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailEndpointTest {

    @Test
    void relayHostAndPortWithoutCredentialsOrOptions() {
        assertThat(MailEndpoint.of("smtp://gw:s3cr@t@relay.example.net:2525?username=gw&password=x"))
                .isEqualTo(new MailEndpoint("smtp", "relay.example.net", 2525));
        assertThat(MailEndpoint.of("smtps://relay.example.net")).isEqualTo(new MailEndpoint("smtps", "relay.example.net", 465));
        assertThat(MailEndpoint.of("smtp:relay.example.net?debugMode=true")).isEqualTo(new MailEndpoint("smtp", "relay.example.net", 25));
    }

    @Test
    void noRelayForOtherEndpoints() {
        assertThat(MailEndpoint.of("file:outbox")).isEqualTo(new MailEndpoint("file", null, -1));
        assertThat(MailEndpoint.of("jms:queue:mail")).isEqualTo(new MailEndpoint("jms", null, -1));
    }
}
