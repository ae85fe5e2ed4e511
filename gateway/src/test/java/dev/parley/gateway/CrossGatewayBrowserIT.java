package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ChatBrowser.People;
import dev.parley.gateway.ChatBrowser.Shown;
import dev.parley.layer.testing.TestRedis;
import java.time.Duration;
import java.util.List;
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

    private final BrowserGateway gatewayA = new BrowserGateway();
    private final BrowserGateway gatewayB = new BrowserGateway();

    @BeforeAll
    static void chromiumAndRedis() {
        ChatBrowser.assumeInstalled();
        redisUrl = TestRedis.url();
    }

    @BeforeEach
    void startTwoGateways() throws Exception {
        // Both gateways open the same embedded database file (one JVM), so they share history as replicas would.
        GatewayConfig config = GatewayConfig.defaults()
                .withDataDir(java.nio.file.Files.createTempDirectory("parley-cross-gateway"))
                .withRedis(redisUrl, TestRedis.uniquePrefix("browser"));
        gatewayA.start(config);
        gatewayB.start(config);
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            gatewayA.close();
        } finally {
            gatewayB.close();
        }
    }

    @Test
    void peopleOnDifferentGatewaysChat() {
        String room = BrowserGateway.uniqueRoom("chat");
        Person alice = gatewayA.newPerson("alice");
        Person bob = gatewayB.newPerson("bob");
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
        String room = BrowserGateway.uniqueRoom("presence");
        Person alice = gatewayA.newPerson("alice");
        Person bob = gatewayB.newPerson("bob");
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
        String room = BrowserGateway.uniqueRoom("leave");
        Person alice = gatewayA.newPerson("alice");
        Person bob = gatewayB.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        alice.waitForPeople("alice", "bob");
        bob.waitForPeople("alice", "bob");

        bob.leave();

        alice.waitUntil(LEAVE_SEEN_WITHIN, p -> p.people().equals(new People(List.of("alice"), "alice", "1 here")));
        assertThat(alice.systemLines()).as("alice's page").endsWith("bob left");
    }
}
