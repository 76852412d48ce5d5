package org.camelmm7.client.mmsc;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;

/**
 * One Camel CXF endpoint per MMSC, bound under {@link Mmsc#endpointName()}: the MMSC's
 * address in CXF's RAW data format, which posts the SubmitReq's bytes exactly as
 * {@code Mm7Writer} wrote them with the Content-Type set on the exchange, over a conduit
 * {@link MmscConduit} sets up. An estate may bind its own CxfEndpoint under that name first
 * (another conduit, a proxy, its own interceptors); it is then left as it is.
 */
public final class MmscEndpoints {

    private MmscEndpoints() {
    }

    /** @param gates the MMSCs' limits: each CXF client keeps its MMSC's pace */
    public static void bind(CamelContext context, List<Mmsc> mmscs, MmscGates gates) {
        for (Mmsc mmsc : mmscs) {
            if (context.getRegistry().lookupByName(mmsc.endpointName()) != null) {
                continue;
            }
            CxfEndpoint endpoint = new CxfEndpoint();
            endpoint.setCamelContext(context);
            endpoint.setAddress(mmsc.url());
            endpoint.setDataFormat(DataFormat.RAW);
            endpoint.setCxfConfigurer(new MmscConduit(mmsc, gates.pace(mmsc)));
            context.getRegistry().bind(mmsc.endpointName(), endpoint);
        }
    }
}
