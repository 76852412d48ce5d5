package org.camelmm7.simulator;

import java.util.List;

import org.camelmm7.server.VaspPaths;
import org.camelmm7.support.Settings;

/**
 * The simulated MMSC's settings ({@code mm7.simulator.*}).
 *
 * @param statuses             StatusCodes answered in turn (the last repeats); {@code slow}, {@code httpNNN}
 * @param deliveryReportStatus MMStatus of the reports posted back; null for none
 * @param swappedReportRoles   reports name the VASP's sender address as Recipient and the handset as Sender (Mbuni)
 * @param deliveryReportUrl    where reports are posted: {@code mm7.simulator.delivery-report-url}, by default the
 *                             gateway's own first VASP path on its first plain socket
 */
public record SimulatorSettings(boolean enabled, String path, List<String> statuses, long slowDelayMillis, String deliveryReportStatus,
                                boolean swappedReportRoles, int deliveryReportCopies, String deliveryReportUrl) {

    /** @param ownVaspUrl the gateway's own VASP path as reached from this host, the default report URL */
    public static SimulatorSettings from(Settings settings, String ownVaspUrl) {
        String reportUrl = settings.optional("mm7.simulator.delivery-report-url");
        return new SimulatorSettings(settings.bool("mm7.simulator.enabled"),
                VaspPaths.checked("mm7.simulator.path", settings.get("mm7.simulator.path").trim()),
                settings.list("mm7.simulator.statuses"), settings.bytes("mm7.simulator.slow-delay"),
                settings.optional("mm7.simulator.delivery-report-status"),
                "swapped".equalsIgnoreCase(settings.get("mm7.simulator.report-roles").trim()), settings.integer("mm7.simulator.delivery-report-copies"),
                reportUrl == null ? ownVaspUrl : reportUrl.trim());
    }
}
