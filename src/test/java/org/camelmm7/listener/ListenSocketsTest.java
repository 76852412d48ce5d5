package org.camelmm7.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which sockets the configured Listen addresses become (the JVM's sockets are dual-stack). */
class ListenSocketsTest {

    private static ListenSockets of(String listen) {
        return ListenSockets.of(ListenAddress.parseList(listen));
    }

    @Test
    void everySpellingOfAWildcardIsOne() {
        for (String spelling : new String[] {":8089", "*:8089", "0.0.0.0:8089", "[::]:8089", "[*]:8089"}) {
            assertThat(ListenAddress.parse(spelling).wildcard()).as(spelling).isTrue();
        }
        assertThat(ListenAddress.parse("[*]:8089").host()).isEqualTo("::");
        assertThat(ListenAddress.parse("[::1]:8089").wildcard()).isFalse();
        assertThat(ListenAddress.parse("127.0.0.1:8089").wildcard()).isFalse();
    }

    @Test
    void aWildcardServesEveryOtherAddressOfItsPort() {
        ListenSockets s = of("0.0.0.0:8089, [::]:8089, [::1]:8089, 127.0.0.1:8089, 0.0.0.0:8443 tls");
        assertThat(s.sockets()).containsExactly(new ListenAddress("0.0.0.0", 8089, false), new ListenAddress("0.0.0.0", 8443, true));
        assertThat(s.served()).hasSize(3).allMatch(line -> line.contains("is served by the socket on 0.0.0.0:8089"));
        assertThat(s.served().get(0)).startsWith("[::]:8089");

        // Momentum's quick-start pair
        assertThat(of(":8089, [::1]:8089").sockets()).containsExactly(new ListenAddress("0.0.0.0", 8089, false));
        // the first wildcard written is the one opened
        assertThat(of("[::1]:8089, [*]:8089, *:8089").sockets()).containsExactly(new ListenAddress("::", 8089, false));
    }

    @Test
    void specificAddressesEachGetASocketAndRepeatsOne() {
        assertThat(of("127.0.0.1:8089, [::1]:8089, 127.0.0.1:8089").sockets())
                .containsExactly(new ListenAddress("127.0.0.1", 8089, false), new ListenAddress("::1", 8089, false));
        assertThat(of("127.0.0.1:0, 127.0.0.1:0").sockets()).hasSize(2);
    }

    @Test
    void aPortCannotBePlainAndTlsAtOnce() {
        assertThatThrownBy(() -> of("0.0.0.0:8089, [::1]:8089 tls")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port 8089 is listed both with and without tls");
    }
}
