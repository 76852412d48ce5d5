package org.camelmm7.client.mmsc;

import java.util.function.Function;

/**
 * What an MMSC's contract allows: submissions per second ({@code max-rate}, smoothed: one every
 * 1/rate seconds, no bursts) and submissions under way at once ({@code max-connections}). 0 is no
 * limit. Per MM7 domain, under {@code mm7.client.domain.<name>.}.
 */
public record MmscLimits(double maxRate, int maxConnections) {

    public static MmscLimits read(Function<String, String> option, String prefix) {
        double rate = number(option, prefix, "max-rate", Double::parseDouble);
        int connections = number(option, prefix, "max-connections", Integer::parseInt);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(prefix + "max-rate '" + rate + "': 0 (no limit) or submissions per second");
        }
        if (connections < 0) {
            throw new IllegalArgumentException(prefix + "max-connections '" + connections + "': 0 (no limit) or a whole number above it");
        }
        return new MmscLimits(rate, connections);
    }

    private static <T extends Number> T number(Function<String, String> option, String prefix, String key, Function<String, T> parse) {
        String v = option.apply(key);
        try {
            return parse.apply(v == null || v.isBlank() ? "0" : v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + key + " '" + v + "' is not a number");
        }
    }

    /** Nanoseconds between two submissions at the contracted pace; 0 without a rate. */
    long intervalNanos() {
        return maxRate == 0 ? 0 : Math.round(1_000_000_000d / maxRate);
    }
}
