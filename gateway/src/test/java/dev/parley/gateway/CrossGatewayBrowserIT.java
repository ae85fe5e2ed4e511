package dev.parley.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ChatBrowser.People;
import dev.parley.gateway.ChatBrowser.Shown;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web UI in real headless Chromium against two gateways in this JVM, each on its own Vert.x, sharing one Redis:
 * people on different gateways chat and see each other in the room, as behind a load balancer. Skipped where
 * Chromium or Redis is missing ({@link TestRedis} says how to provide one).
 */
class CrossGatewayBrowserIT {

    /** How soon a closed page must drop out of the others' lists. */
    private static final Duration LEAVE_SEEN_WITHIN = Duration.ofSeconds(10);

    private static String redisUrl;

    private final List<Person> people = new ArrayList<>();
    private final List<Vertx> vertxes = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();
    private String gatewayA;
    private String gatewayB;

    @BeforeAll
    static void chromiumAndRedis() {
        ChatBrowser.assumeInstalled();
        redisUrl = TestRedis.url();
    }

    @BeforeEach
    void startTwoGateways() throws Exception {
        // Both gateways open the same embedded database file (one JVM), so they share history as replicas would.
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(java.nio.file.Files.createTempDirectory("parley-cross-gateway"))
                .withRedis(redisUrl, TestRedis.uniquePrefix("browser"));
        gatewayA = "http://127.0.0.1:" + startGateway(config).port();
        gatewayB = "http://127.0.0.1:" + startGateway(config).port();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            people.forEach(Person::assertNoScriptErrors);
        } finally {
            people.forEach(Person::leave);
            for (Gateway gateway : gateways) {
                gateway.stop().toCompletionStage().toCompletableFuture().get(10, SECONDS);
            }
            for (Vertx vertx : vertxes) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
            }
        }
    }

    @Test
    void peopleOnDifferentGatewaysChat() {
        String room = uniqueRoom("chat");
        Person alice = newPerson("alice", gatewayA);
        Person bob = newPerson("bob", gatewayB);
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);

        alice.typeAndPressEnter("hello from gateway A");
        bob.waitForMessage("alice", "hello from gateway A");
        bob.typeAndClickSend("and hello back from B");
        alice.waitForMessage("bob", "and hello back from B");

        List<Shown> expected = List.of(
                new Shown("alice", "hello from gateway A"), new Shown("bob", "and hello back from B"));
        alice.waitUntil(p -> p.shown().equals(expected));
        bob.waitUntil(p -> p.shown().equals(expected));
        alice.waitUntil(p -> p.messages().get(0).state().equals("sent"));
        bob.waitUntil(p -> p.messages().get(1).state().equals("sent"));
        assertThat(bob.messages().get(0).own()).as("alice's message on bob's page").isFalse();
    }

    @Test
    void eachPageListsEveryoneOnEitherGateway() {
        String room = uniqueRoom("presence");
        Person alice = newPerson("alice", gatewayA);
        Person bob = newPerson("bob", gatewayB);
        alice.joinFromStartPage(room);
        alice.waitUntil(p -> p.people().equals(new People(List.of("alice"), "alice", "1 here")));

        bob.joinFromStartPage(room);
        alice.waitUntil(p -> p.people().equals(new People(List.of("alice", "bob"), "alice", "2 here")));
        bob.waitUntil(p -> p.people().equals(new People(List.of("bob", "alice"), "bob", "2 here")));
        assertThat(alice.systemLines()).as("alice's page, after bob came in on the other gateway")
                .containsExactly("bob joined");
        assertThat(bob.systemLines()).as("bob's page: nothing about himself or who was already there").isEmpty();
    }

    @Test
    void aClosedPageDropsOutOfTheListOnTheOtherGateway() {
        String room = uniqueRoom("leave");
        Person alice = newPerson("alice", gatewayA);
        Person bob = newPerson("bob", gatewayB);
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        alice.waitForPeople("alice", "bob");
        bob.waitForPeople("alice", "bob");

        bob.leave();

        alice.waitUntil(LEAVE_SEEN_WITHIN, p -> p.people().equals(new People(List.of("alice"), "alice", "1 here")));
        assertThat(alice.systemLines()).as("alice's page").endsWith("bob left");
    }

    private Gateway startGateway(GatewayConfig config) throws Exception {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        Gateway gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, SECONDS);
        gateways.add(gateway);
        return gateway;
    }

    private Person newPerson(String name, String baseUrl) {
        Person person = new Person(name, baseUrl);
        people.add(person);
        return person;
    }

    private static String uniqueRoom(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
