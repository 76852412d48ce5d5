package org.camelmm7.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Reads the gateway's {@code mm7.*} keys from Camel's properties (application.properties,
 * overridden by {@code -D} system properties and environment variables such as
 * {@code MM7_SERVER_PORT}), with a clear message for a missing or malformed value.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public String get(String key) {
        return properties.resolveProperty(key)
                .orElseThrow(() -> new IllegalArgumentException("configuration key " + key + " is not set"));
    }

    public String optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(get(key).trim());
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + get(key) + "' is not a whole number");
        }
    }

    public Duration seconds(String key) {
        try {
            return Duration.ofSeconds(Long.parseLong(get(key).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + get(key) + "' is not a number of seconds");
        }
    }

    public long bytes(String key) {
        try {
            return Long.parseLong(get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + get(key) + "' is not a number of bytes");
        }
    }

    /** A comma or space separated list; empty when the key is blank or unset. */
    public List<String> list(String key) {
        String v = optional(key);
        return v == null ? List.of() : Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
