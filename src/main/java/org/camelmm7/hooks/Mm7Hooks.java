package org.camelmm7.hooks;

import org.apache.camel.spi.Registry;

/**
 * The five extension points as Camel beans, looked up at each use so a bean bound under the same
 * name (in a YAML {@code beans:} block, a configuration class or {@code Main.bind}) replaces the
 * default, which changes nothing.
 */
public final class Mm7Hooks {

    public static final String REQUEST_EVAL = "mm7RequestEval";
    public static final String PRE_SUBMIT = "mm7PreSubmit";
    public static final String HANDLE_SUBMIT_RSP = "mm7HandleSubmitRsp";
    public static final String HANDLE_DELIVERY_REPORT = "mm7HandleDeliveryReport";
    public static final String STORE_SUBMIT = "mm7StoreSubmit";

    private final Registry registry;

    public Mm7Hooks(Registry registry) {
        this.registry = registry;
    }

    /** Binds the defaults under the names not taken yet. */
    public void bindDefaults() {
        bindIfAbsent(REQUEST_EVAL, (Mm7RequestEval) request -> Mm7RequestEval.Decision.CONTINUE);
        bindIfAbsent(PRE_SUBMIT, (Mm7PreSubmit) (request, mail) -> request);
        bindIfAbsent(HANDLE_SUBMIT_RSP, (Mm7HandleSubmitRsp) (request, outcome) -> outcome);
        bindIfAbsent(HANDLE_DELIVERY_REPORT, (Mm7HandleDeliveryReport) (report, submission, negative) -> true);
        bindIfAbsent(STORE_SUBMIT, (Mm7StoreSubmit) (request, mail, bucket, messageId) -> true);
    }

    public Mm7RequestEval requestEval() {
        return registry.lookupByNameAndType(REQUEST_EVAL, Mm7RequestEval.class);
    }

    public Mm7PreSubmit preSubmit() {
        return registry.lookupByNameAndType(PRE_SUBMIT, Mm7PreSubmit.class);
    }

    public Mm7HandleSubmitRsp handleSubmitRsp() {
        return registry.lookupByNameAndType(HANDLE_SUBMIT_RSP, Mm7HandleSubmitRsp.class);
    }

    public Mm7HandleDeliveryReport handleDeliveryReport() {
        return registry.lookupByNameAndType(HANDLE_DELIVERY_REPORT, Mm7HandleDeliveryReport.class);
    }

    public Mm7StoreSubmit storeSubmit() {
        return registry.lookupByNameAndType(STORE_SUBMIT, Mm7StoreSubmit.class);
    }

    private void bindIfAbsent(String name, Object bean) {
        if (registry.lookupByName(name) == null) {
            registry.bind(name, bean);
        }
    }
}
