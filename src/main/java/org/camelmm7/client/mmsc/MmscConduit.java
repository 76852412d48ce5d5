package org.camelmm7.client.mmsc;

import javax.net.ssl.SSLContext;

import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.ConnectionType;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/**
 * Sets up CXF's HTTP conduit to one MMSC as its MM7 domain says: timeouts (connect 5 s, the
 * domain's response timer), HTTP/1.1 without an h2c upgrade, a Content-Length unless chunking is
 * allowed, TLS trust and client certificate, Digest when the MMSC asks for it, and the MMSC's
 * max-rate ({@link PaceBeforeSending}). Answers of
 * every status come back as they are, for the client's outcome rules to read.
 */
final class MmscConduit implements CxfConfigurer {

    static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final Mmsc mmsc;
    private final MmscPace pace;

    MmscConduit(Mmsc mmsc, MmscPace pace) {
        this.mmsc = mmsc;
        this.pace = pace;
    }

    @Override
    public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
        // nothing beyond the endpoint's address and RAW data format
    }

    @Override
    public void configureClient(Client client) {
        // a 4xx/5xx answer is read like any other, not thrown away with an exception
        client.getEndpoint().put("org.apache.cxf.transport.no_io_exceptions", Boolean.TRUE);
        client.getOutInterceptors().add(new PaceBeforeSending(pace));
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        MmscConnection connection = mmsc.connection();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        policy.setReceiveTimeout(mmsc.responseTimerSeconds() * 1000L);
        policy.setVersion(connection.httpVersion());
        policy.setConnection(ConnectionType.KEEP_ALIVE);
        policy.setAutoRedirect(false);
        // a Content-Length on every request: CXF's default (java.net.http) conduit sends an empty chunked
        // body when chunking is turned off, so the request goes through its HttpURLConnection conduit,
        // which buffers it and sends it whole; chunked requests stay on the default one
        policy.setAllowChunking(!connection.disableChunked());
        if (connection.disableChunked()) {
            client.getEndpoint().put("force.urlconnection.http.conduit", Boolean.TRUE);
        }
        conduit.setClient(policy);
        SSLContext sslContext = connection.sslContext(); // reads the trust store and certificate files
        if (sslContext != null || !connection.verifyHostname()) {
            TLSClientParameters tls = new TLSClientParameters();
            tls.setSslContext(sslContext);
            tls.setDisableCNCheck(!connection.verifyHostname());
            conduit.setTlsClientParameters(tls);
        }
        if (connection.digestUser() != null) {
            conduit.setAuthSupplier(new MmscDigest(connection.digestUser(), connection.digestPassword()));
        }
    }

    @Override
    public void configureServer(Server server) {
        // the client only
    }
}
