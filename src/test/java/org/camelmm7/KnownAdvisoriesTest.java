package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Camel advisories that stay open on Camel 4.18.0 (docs/decisions.md#dependencies), each held
 * unreachable in the gateway as it starts: no platform-http route in proxy mode (CVE-2026-85316),
 * no route consuming from CXF (CVE-2026-85257 is about CXF consumers). CVE-2026-46592 (headers
 * choosing the CXF operation) is held by MmscTransportTest's mail from an IMAP mailbox.
 */
class KnownAdvisoriesTest {

    @TempDir
    Path dir;

    @Test
    void noRouteIsServedByPlatformHttpInProxyModeOrConsumesFromCxf() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.simulator.enabled", "true", "mms.logger.heartbeat", "0"))) {
            int platformHttpRoutes = 0;
            for (Route route : gw.context().getRoutes()) {
                Endpoint from = route.getEndpoint();
                assertThat(from).as(route.getRouteId()).isNotInstanceOf(CxfEndpoint.class);
                if (from instanceof PlatformHttpEndpoint http) {
                    platformHttpRoutes++;
                    assertThat(http.isHttpProxy()).as(route.getRouteId() + " in platform-http's proxy mode").isFalse();
                }
            }
            // every VASP path and the simulated MMSC
            assertThat(platformHttpRoutes).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aSimulatorPathThatPlatformHttpWouldReadAsItsProxyModeIsRefused() {
        assertThatThrownBy(() -> RunningGateway.start(dir, Map.of("mm7.simulator.enabled", "true", "mm7.simulator.path", "proxy/")))
                .hasStackTraceContaining("mm7.simulator.path 'proxy/' must start and end with '/'");
    }
}
