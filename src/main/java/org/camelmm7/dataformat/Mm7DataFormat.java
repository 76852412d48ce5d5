package org.camelmm7.dataformat;

import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.mm7.MimeEntity;
import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7RequestParser;
import org.camelmm7.mm7.Mm7Response;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.mm7.Mm7WriterOptions;

/**
 * MM7 (3GPP TS 23.140) as a Camel data format. {@code unmarshal}: SOAP-with-attachments bytes,
 * framed as the {@code Content-Type} header says, become an {@link Mm7Request} — with the reader's
 * tolerance for what peers send and its limits on nesting, parts and sizes; what cannot be read is an
 * {@code Mm7Exception} carrying the MM7 status to answer (4004 and the like). {@code marshal}: an
 * {@link Mm7Request} or {@link Mm7Response} becomes SOAP with attachments, and the {@code Content-Type}
 * header says how it is framed, the exchange property {@code mm7MarshalledBytes} how many bytes it
 * wrote; a request is written with the prefixes of the exchange property {@code mm7WriterOptions}
 * when set (an MM7 domain's).
 *
 * <p>In a route: {@code unmarshal: {custom: {ref: mm7}}} with a bean {@code mm7} of this class.
 */
public class Mm7DataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    private MimeEntity.Limits limits = MimeEntity.Limits.DEFAULT;
    private Mm7RequestParser parser = new Mm7RequestParser(limits);

    public Mm7DataFormat() {
    }

    public Mm7DataFormat(MimeEntity.Limits limits) {
        setLimits(limits);
    }

    @Override
    public String getDataFormatName() {
        return "mm7";
    }

    /** How deep, how many parts and how large a request may be before it is refused (4004). */
    public void setLimits(MimeEntity.Limits limits) {
        this.limits = limits;
        this.parser = new Mm7RequestParser(limits);
    }

    public MimeEntity.Limits getLimits() {
        return limits;
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        // read as the bytes they are: the request's parts are slices of this one array
        byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
        return parser.parse(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), bytes);
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return unmarshal(exchange, (Object) stream.readAllBytes());
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        Mm7HttpBody written;
        if (graph instanceof Mm7Request request) {
            Mm7WriterOptions options = Mm7Exchange.WRITER_OPTIONS.get(exchange);
            written = (options == null ? new Mm7Writer() : new Mm7Writer(options)).writeRequest(request);
        } else if (graph instanceof Mm7Response response) {
            written = new Mm7Writer().writeResponse(response);
        } else {
            throw new IllegalArgumentException("the MM7 data format writes an Mm7Request or an Mm7Response, not "
                    + (graph == null ? "null" : graph.getClass().getName()));
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, written.contentType());
        Mm7Exchange.MARSHALLED_BYTES.set(exchange, written.bytes().length);
        stream.write(written.bytes());
    }
}
