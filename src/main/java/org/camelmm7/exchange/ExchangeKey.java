package org.camelmm7.exchange;

import org.apache.camel.Exchange;

/**
 * An exchange property of one type, named once: Java steps read and write it through its key,
 * YAML steps by its name ({@code ${exchangeProperty.mm7GatewayId}}).
 *
 * @param <T> what the property holds
 */
public final class ExchangeKey<T> {

    private final String name;
    private final Class<T> type;

    private ExchangeKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public static <T> ExchangeKey<T> of(String name, Class<T> type) {
        return new ExchangeKey<>(name, type);
    }

    /** A property of a generic type ({@code List<String>}): its raw class is what can be checked. */
    @SuppressWarnings("unchecked")
    public static <T> ExchangeKey<T> ofGeneric(String name, Class<?> rawType) {
        return new ExchangeKey<>(name, (Class<T>) rawType);
    }

    /** The property's value, converted to its type by Camel if it is not of it; null when not set. */
    public T get(Exchange exchange) {
        return exchange.getProperty(name, type);
    }

    /** The property's value, or {@code otherwise} when not set. */
    public T get(Exchange exchange, T otherwise) {
        T value = get(exchange);
        return value != null ? value : otherwise;
    }

    public void set(Exchange exchange, T value) {
        exchange.setProperty(name, value);
    }

    public boolean isSet(Exchange exchange) {
        return exchange.getProperty(name) != null;
    }

    public void remove(Exchange exchange) {
        exchange.removeProperty(name);
    }

    /** The name the routes use. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
