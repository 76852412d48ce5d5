package org.camelmm7.mm7;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.activation.DataSource;

/**
 * A data source over bytes that are already somewhere (a slice of the request, a part decoded on
 * demand), so Jakarta Mail can parse or write them without a copy.
 */
public final class ReadOnlyDataSource implements DataSource {

    /** Opens the content; called each time a reader needs it. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final Opener opener;
    private final String contentType;

    public ReadOnlyDataSource(Opener opener, String contentType) {
        this.opener = opener;
        this.contentType = contentType;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return opener.open();
    }

    @Override
    public OutputStream getOutputStream() {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getName() {
        return null;
    }
}
