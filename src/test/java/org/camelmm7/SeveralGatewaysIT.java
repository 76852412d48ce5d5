package org.camelmm7;

/** {@link SeveralGatewaysTest} with every gateway the runnable jar ({@code java -jar}): Artemis and PostgreSQL from inside it. */
class SeveralGatewaysIT extends SeveralGatewaysTest {
}
