package dev.parley.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * What a browser test runs against: a gateway in this JVM on a free port, which the test may stop and start again
 * on the same port, and the people whose browsers use it. One per test; {@link #close} checks every page's console
 * for script errors and shuts everything down.
 */
final class BrowserGateway implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<Person> people = new ArrayList<>();
    private GatewayConfig config;
    private Gateway gateway;

    /** Starts the gateway on a free port with these settings (host 127.0.0.1 is set here). */
    void start(GatewayConfig settings) throws Exception {
        config = settings.withHost("127.0.0.1").withPort(0).withManagementPort(0);
        gateway = startOn(config);
        config = config.withPort(gateway.port());
    }

    /** Stops the gateway, as a crash or a deploy would; the browsers stay open. */
    void stop() throws Exception {
        if (gateway != null) {
            Gateway stopping = gateway;
            gateway = null;
            stopping.stop().toCompletionStage().toCompletableFuture().get(10, SECONDS);
        }
    }

    /** Starts the gateway again on the port it had, with the same settings and data. */
    void restart() throws Exception {
        gateway = startOn(config);
    }

    int port() {
        return config.port();
    }

    /** The address the browsers open, e.g. {@code http://127.0.0.1:43210}. */
    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** A person with a browser of their own on this gateway, closed by {@link #close}. */
    Person newPerson(String name) {
        Person person = new Person(name, baseUrl());
        people.add(person);
        return person;
    }

    /** A room name no other test uses. */
    static String uniqueRoom(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() throws Exception {
        try {
            people.forEach(Person::assertNoScriptErrors);
        } finally {
            people.forEach(Person::leave);
            stop();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
        }
    }

    /** On a fixed port a few attempts are allowed: the port was freed a moment ago and the kernel may hold it. */
    private Gateway startOn(GatewayConfig settings) throws Exception {
        int attempt = 1;
        while (true) {
            try {
                return Gateway.start(vertx, settings).toCompletionStage().toCompletableFuture().get(10, SECONDS);
            } catch (ExecutionException e) {
                if (settings.port() == 0 || attempt == 5) {
                    throw e;
                }
                attempt++;
                vertx.timer(200 * attempt).toCompletionStage().toCompletableFuture().get(10, SECONDS);
            }
        }
    }
}
