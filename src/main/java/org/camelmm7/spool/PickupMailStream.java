package org.camelmm7.spool;

import org.apache.camel.Exchange;
import org.apache.camel.TypeConverter;
import org.apache.camel.support.TypeConverterSupport;
import org.camelmm7.email.PickupMail;

/**
 * Lets an endpoint write a {@link PickupMail} body: a file endpoint as a stream over its bytes, read
 * where they are ({@link #CONVERTER}); a JMS endpoint as one array, a message's body ({@link #BYTES}).
 */
final class PickupMailStream extends TypeConverterSupport {

    static final TypeConverter CONVERTER = new PickupMailStream(false);
    static final TypeConverter BYTES = new PickupMailStream(true);

    private final boolean asArray;

    private PickupMailStream(boolean asArray) {
        this.asArray = asArray;
    }

    @Override
    public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
        PickupMail mail = (PickupMail) value;
        return type.cast(asArray ? mail.bytes() : mail.stream());
    }
}
