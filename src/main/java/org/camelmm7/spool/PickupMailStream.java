package org.camelmm7.spool;

import org.apache.camel.Exchange;
import org.apache.camel.TypeConverter;
import org.apache.camel.support.TypeConverterSupport;
import org.camelmm7.email.PickupMail;

/** Lets a file endpoint write a {@link PickupMail} body: a stream over its bytes, read where they are. */
public final class PickupMailStream extends TypeConverterSupport {

    public static final TypeConverter CONVERTER = new PickupMailStream();

    private PickupMailStream() {
    }

    @Override
    public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
        return type.cast(((PickupMail) value).stream());
    }
}
