package org.example.estate;

import org.apache.camel.main.Main;

/** The estate's own Camel application: its routes in estate/, its settings in application.properties. */
public final class EstateApplication {

    private EstateApplication() {
    }

    public static void main(String[] args) throws Exception {
        new Main(EstateApplication.class).run(args);
    }
}
