package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Mm7Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every key of an MM7 domain is read into what the client uses, and a wrong value stops the start naming its key. */
class Mm7DomainTest {

    private static final String PREFIX = "mm7.client.domain.m.";

    /** The shipped defaults, with the domain's own keys over them. */
    private static Map<String, String> options(String... own) {
        Map<String, String> options = new HashMap<>();
        for (String key : RunningGateway.shippedKeys()) {
            if (key.startsWith("mm7.client.domain-defaults.")) {
                options.put(key.substring("mm7.client.domain-defaults.".length()), RunningGateway.shipped(key));
            }
        }
        options.put("mail-domain", "mms.example.com");
        options.put("url", "http://mmsc.example.com/mm7");
        for (int i = 0; i + 1 < own.length; i += 2) {
            options.put(own[i], own[i + 1]);
        }
        return options;
    }

    @Test
    void everyKeyOfTheDomainIsRead() {
        Mm7Domain d = Mm7Domain.read("m", options("basic-auth", "vasp:pa55", "number-prefix", "+1", "vaspid", "vasp-7", "vasid", "vas-9",
                "sender-address", "<ShortCode>28444</ShortCode>", "service-code", "svc-1", "message-class", "informational",
                "delivery-report", "1", "read-reply", "true", "reply-charging", "true", "reply-charging-size", "2048",
                "reply-deadline", "2026-12-31T00:00:00Z", "soap-attachment-simple-mime", "false", "request-ie-extended", "<Campaign>x</Campaign>",
                "response-timer", "33", "xml-schema", "http://example.com/schema", "version", "5.3.0", "soap-env", "soap", "namespace", "m7",
                "use-namespace-in-body", "true", "generate-bounces", "false", "permanent-http-statuses", "400, 410",
                "disable-chunked", "false", "tls.verify-hostname", "false", "digest-auth", "vasp:secret",
                "max-rate", "2.5", "max-connections", "4")::get);
        assertThat(d.recipients().domain()).isEqualTo("mms.example.com");
        assertThat(d.mmscUrl()).isEqualTo("http://mmsc.example.com/mm7");
        assertThat(d.authorization()).isEqualTo("Basic dmFzcDpwYTU1");
        assertThat(d.responseTimerSeconds()).isEqualTo(33);
        assertThat(d.namespace()).isEqualTo("http://example.com/schema");
        assertThat(d.version()).isEqualTo("5.3.0");
        assertThat(d.writerOptions()).isEqualTo(new org.camelmm7.mm7.Mm7WriterOptions("soap", "m7", true));
        assertThat(d.generateBounces()).isFalse();
        assertThat(d.permanentHttpStatuses()).containsExactlyInAnyOrder(400, 410);
        SubmitOptions s = d.submitOptions();
        assertThat(s).isEqualTo(new SubmitOptions("vasp-7", "vas-9", Mm7Address.shortCode("28444"), "svc-1", "Informational", true, true, true, 2048,
                "2026-12-31T00:00:00Z", false, "+1", "<Campaign>x</Campaign>"));
        assertThat(d.connection().disableChunked()).isFalse();
        assertThat(d.connection().verifyHostname()).isFalse();
        assertThat(d.connection().digestUser()).isEqualTo("vasp");
        assertThat(d.connection().digestPassword()).isEqualTo("secret");
        assertThat(d.connection().httpVersion()).isEqualTo("1.1");
        assertThat(d.limits()).isEqualTo(new org.camelmm7.client.mmsc.MmscLimits(2.5, 4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "response-timer | ten", "reply-charging-size | big", "delivery-report | yes", "read-reply | maybe", "reply-charging | 2",
            "soap-attachment-simple-mime | on", "use-namespace-in-body | no", "generate-bounces | off", "disable-chunked | x",
            "tls.verify-hostname | sometimes", "permanent-http-statuses | 600", "sender-address | <Email>a@b</Email>",
            "request-ie-extended | <open>", "http-version | 2", "http-version | 1.0", "digest-auth | no-colon", "mail-domain | ''", "url | ''",
            "max-rate | fast", "max-rate | -1", "max-rate | NaN", "max-connections | 1.5", "max-connections | -2"})
    void aWrongValueStopsTheStartNamingItsKey(String key, String value) {
        assertThatThrownBy(() -> Mm7Domain.read("m", options(key, value)::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PREFIX + key);
    }
}
