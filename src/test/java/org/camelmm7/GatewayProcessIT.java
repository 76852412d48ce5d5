package org.camelmm7;

/** {@link GatewayProcessTest} on the runnable jar ({@code java -jar}), which {@code mvn package} built. */
class GatewayProcessIT extends GatewayProcessTest {
}
