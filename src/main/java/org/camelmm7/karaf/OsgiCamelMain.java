package org.camelmm7.karaf;

import org.apache.camel.CamelContext;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.apache.camel.main.Main;
import org.osgi.framework.BundleContext;

/**
 * camel-main on camel-karaf's shared Camel: the context resolves components, languages and type
 * converters from the Camel bundles installed by the features, not from this bundle's class path.
 * Only loaded when Camel is not embedded, so the self-contained bundle never needs camel-core-osgi.
 */
final class OsgiCamelMain extends Main {

    private final BundleContext bundleContext;

    OsgiCamelMain(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    protected CamelContext createCamelContext() {
        return new OsgiDefaultCamelContext(bundleContext);
    }
}
