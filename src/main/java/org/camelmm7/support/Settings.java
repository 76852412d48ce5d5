package org.camelmm7.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A number of days, fractions allowed (0.5: twelve hours), to the millisecond. */
    public Duration days(String key) {
        try {
            BigDecimal days = new BigDecimal(get(key).trim());
            if (days.signum() < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(days.multiply(BigDecimal.valueOf(Duration.ofDays(1).toMillis())).setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " '" + get(key) + "' is not a number of days");
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

    /**
     * The names of the scopes configured under {@code prefix}: each {@code <name>} for which
     * {@code prefix<name>suffix} is set, e.g. {@code mm7.server.peer.} and {@code .address} give
     * {@code trusted} for {@code mm7.server.peer.trusted.address}. Found in the properties files,
     * the override and system properties, and the environment ({@code MM7_SERVER_PEER_TRUSTED_ADDRESS};
     * a name read there is in lower case, its '-' written '_').
     */
    public SortedSet<String> scopeNames(String prefix, String suffix) {
        SortedSet<String> names = new TreeSet<>();
        Pattern key = Pattern.compile(Pattern.quote(prefix) + "([A-Za-z0-9_-]+)" + Pattern.quote(suffix));
        properties.loadProperties().stringPropertyNames().forEach(k -> addName(key.matcher(k), names));
        System.getProperties().stringPropertyNames().forEach(k -> addName(key.matcher(k), names));
        Pattern variable = Pattern.compile(Pattern.quote(environmentName(prefix)) + "([A-Z0-9_]+?)" + Pattern.quote(environmentName(suffix)));
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            Matcher m = variable.matcher(e.getKey());
            if (m.matches() && !e.getValue().isBlank()) {
                names.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private void addName(Matcher key, SortedSet<String> names) {
        if (key.matches() && optional(key.group(0)) != null) {
            names.add(key.group(1));
        }
    }

    /** As Camel looks a key up in the environment: upper case, '.' and '-' as '_'. */
    private static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
