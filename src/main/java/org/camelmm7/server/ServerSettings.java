package org.camelmm7.server;

import org.camelmm7.mm7.MimeEntity;
import org.camelmm7.support.Settings;

/**
 * The MM7 server's settings (Momentum's mm7_serv): the VASP paths it serves, and the MM7Version of
 * its answers ({@code mm7.server.version}; always, with {@code mm7.server.force-version}, else
 * only when the request carries none), and how much structure one request may have.
 */
public record ServerSettings(VaspPaths paths, String version, boolean forceVersion, MimeEntity.Limits limits) {

    public static ServerSettings from(Settings settings) {
        MimeEntity.Limits limits = new MimeEntity.Limits(settings.integer("mm7.server.max-mime-depth"),
                settings.integer("mm7.server.max-mime-parts"), settings.integer("mm7.server.max-header-size"),
                settings.integer("mm7.server.max-soap-size"));
        return new ServerSettings(VaspPaths.parse(settings.get("mm7.server.vasp-uri-paths")), settings.get("mm7.server.version").trim(),
                settings.bool("mm7.server.force-version"), limits);
    }
}
