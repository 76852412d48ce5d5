package org.camelmm7.server;

import org.camelmm7.support.Settings;

/**
 * The MM7 server's settings (Momentum's mm7_serv): the VASP paths it serves, and the MM7Version of
 * its answers ({@code mm7.server.version}; always, with {@code mm7.server.force-version}, else
 * only when the request carries none).
 */
public record ServerSettings(VaspPaths paths, String version, boolean forceVersion) {

    public static ServerSettings from(Settings settings) {
        return new ServerSettings(VaspPaths.parse(settings.get("mm7.server.vasp-uri-paths")), settings.get("mm7.server.version").trim(),
                settings.bool("mm7.server.force-version"));
    }
}
