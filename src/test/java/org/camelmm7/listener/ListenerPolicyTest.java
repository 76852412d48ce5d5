package org.camelmm7.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camelmm7.server.VaspPaths;
import org.junit.jupiter.api.Test;

class ListenerPolicyTest {

    private final VaspPaths paths = VaspPaths.parse("/mm7/, /mm7/special/, /other/");

    private ListenerPolicy policy(String allow, String deny) {
        return new ListenerPolicy(paths, Set.of(),
                allow.isEmpty() ? List.of() : List.of(allow.split(",")).stream().map(CidrRange::parse).toList(),
                deny.isEmpty() ? List.of() : List.of(deny.split(",")).stream().map(CidrRange::parse).toList(),
                null, Map.of(), 100);
    }

    @Test
    void theMostSpecificRangeWins() {
        ListenerPolicy p = policy("10.0.0.0/8,192.168.1.7", "10.1.0.0/16,192.168.1.0/24");
        assertThat(p.peerAllowed("10.2.3.4")).isTrue();
        assertThat(p.peerAllowed("10.1.2.3")).isFalse();
        assertThat(p.peerAllowed("192.168.1.7")).isTrue();
        assertThat(p.peerAllowed("192.168.1.8")).isFalse();
        assertThat(p.peerAllowed("172.16.0.1")).as("an allow list refuses peers it does not name").isFalse();
    }

    @Test
    void denyOnlyListsLetOthersIn() {
        ListenerPolicy p = policy("", "::1,203.0.113.0/24");
        assertThat(p.peerAllowed("::1")).isFalse();
        assertThat(p.peerAllowed("203.0.113.9")).isFalse();
        assertThat(p.peerAllowed("198.51.100.1")).isTrue();
    }

    private static ListenerPolicy.Request post(Long contentLength) {
        return new ListenerPolicy.Request("POST", "/mm7/", "/mm7/", "127.0.0.1", null, contentLength);
    }

    @Test
    void sizeIsCheckedFromContentLength() {
        assertThat(policy("", "").check(post(101L)).status()).isEqualTo(413);
        assertThat(policy("", "").check(post(100L))).isNull();
        assertThat(policy("", "").check(post(null))).isNull();
    }

    @Test
    void theFirstConfiguredPrefixServesARequestPathAsInMomentum() {
        assertThat(paths.serving("/mm7/special/x")).isEqualTo("/mm7/");
        assertThat(paths.shadowed()).singleElement().asString().startsWith("/mm7/special/ is never reached: /mm7/");
        VaspPaths longerFirst = VaspPaths.parse("/mm7/special/, /mm7/");
        assertThat(longerFirst.serving("/mm7/special/x")).isEqualTo("/mm7/special/");
        assertThat(longerFirst.serving("/mm7/x")).isEqualTo("/mm7/");
        assertThat(longerFirst.shadowed()).isEmpty();
        assertThat(paths.serving("/mm7/x")).isEqualTo("/mm7/");
        assertThat(paths.serving("/mm7")).isEqualTo("/mm7/");
        assertThat(paths.serving("/mm70/")).isNull();
        assertThat(VaspPaths.keyOf("/mm7/special/")).isEqualTo("mm7_special");
    }

    @Test
    void badConfigurationIsRefusedWithTheKeyName() {
        assertThatThrownBy(() -> VaspPaths.parse("/ok/,/missing-slash")).hasMessageContaining("mm7.server.vasp-uri-paths");
        assertThatThrownBy(() -> CidrRange.parse("example.com")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/33")).hasMessageContaining("prefix");
    }
}
