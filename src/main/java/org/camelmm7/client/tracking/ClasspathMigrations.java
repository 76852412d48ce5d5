package org.camelmm7.client.tracking;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The tracking schema's migrations, named here rather than found by scanning the class path:
 * scanning does not work the same in a shaded jar, under the Camel CLI's class loaders and in an
 * OSGi bundle, while a resource lookup by name does. A new migration is a new SQL file in
 * {@code src/main/resources/db/tracking} and a new name in {@link #FILES}.
 */
final class ClasspathMigrations implements ResourceProvider {

    static final String DIRECTORY = "db/tracking/";
    static final List<String> FILES = List.of("V1__submissions.sql", "V2__recipients_bounces_pickup.sql", "V3__mstore.sql");

    private final ClassLoader loader = ClasspathMigrations.class.getClassLoader();

    @Override
    public LoadableResource getResource(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return FILES.contains(file) ? new Migration(file) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return FILES.stream().filter(f -> f.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(f::endsWith))
                .map(f -> (LoadableResource) new Migration(f)).toList();
    }

    private final class Migration extends LoadableResource {
        private final String file;

        Migration(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            var in = loader.getResourceAsStream(DIRECTORY + file);
            if (in == null) {
                throw new IllegalStateException("migration " + DIRECTORY + file + " is missing from the gateway's jar");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return DIRECTORY + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return DIRECTORY + file;
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
