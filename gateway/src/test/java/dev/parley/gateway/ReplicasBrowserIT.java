package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ChatBrowser.Message;
import dev.parley.gateway.ChatBrowser.Shown;
import dev.parley.gateway.deploy.NginxProcess;
import dev.parley.gateway.deploy.ReplicasScript;
import dev.parley.gateway.deploy.ReplicasScript.Replica;
import dev.parley.layer.testing.TestPostgres;
import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The way most people run Parley, tried as they would: {@code scripts/replicas.sh} (three replicas on Redis and
 * Postgres behind the compose file's nginx), and real Chromium pages on the load balancer's address. Every request
 * a page makes goes through nginx with the headers a browser sends: its {@code Origin}, its session cookie. People
 * sign up or come as guests, chat with each other and with a Channels-tutorial page, and carry on while one replica
 * is stopped (SIGTERM) and another killed (SIGKILL): every message shows once, in the same order, on every page.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReplicasBrowserIT {

    private static final int REPLICAS = 3;
    private static final long DRAIN_SECONDS = 5;
    private static final String PASSWORD = "a long enough password";
    /** Long enough for a page's reconnect backoff (0.5 s doubling) and a replica's drain. */
    private static final Duration CARRY_ON_WITHIN = Duration.ofSeconds(30);
    /** How soon a replica's /metrics counts a page's WebSocket. */
    private static final Duration LOCATE_WITHIN = Duration.ofSeconds(10);

    private static Path nginx;
    private ReplicasScript replicas;
    private final List<Person> people = new ArrayList<>();

    @BeforeAll
    static void chromiumAndNginx() {
        ChatBrowser.assumeInstalled();
        nginx = NginxProcess.requireBinary();
    }

    @BeforeEach
    void startReplicas() throws Exception {
        replicas = ReplicasScript.start(nginx, REPLICAS, Map.of(
                "CHAT_DATABASE_URL", TestPostgres.freshDatabase("replicas_browser"),
                "CHAT_REDIS_URL", TestRedis.url(),
                "CHAT_REDIS_KEY_PREFIX", TestRedis.uniquePrefix("replicas-browser"),
                "CHAT_DRAIN_SECONDS", String.valueOf(DRAIN_SECONDS)));
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            people.forEach(Person::assertNoScriptErrors);
        } finally {
            people.forEach(Person::leave);
            if (replicas != null) {
                replicas.close();
            }
        }
    }

    @Test
    void peopleChatThroughTheLoadBalancerAndCarryOnWhenReplicasStopAndDie() {
        String room = BrowserGateway.uniqueRoom("replicas");
        Person alice = newPerson("alice");
        alice.spyOnSockets();
        alice.startPage().signUp(PASSWORD);
        alice.joinFromStartPage(room);
        Replica alicesReplica = theOnlyReplicaHoldingWebSockets();
        Person bob = newPerson("bob");
        bob.spyOnSockets();
        bob.joinFromStartPage(room);
        Replica bobsReplica = replicaWhoseCountGrew(alicesReplica);
        Person tutorialUser = newPerson("tutorial");
        TutorialPage tutorial = TutorialPage.open(tutorialUser, replicas.baseUrl() + "/lb-healthz", room);

        alice.typeAndPressEnter("hello bob");
        bob.waitForMessage("alice", "hello bob");
        bob.typeAndClickSend("hi alice");
        alice.waitForMessage("bob", "hi alice");
        tutorial.typeAndPressEnter("hello from the tutorial page");
        tutorial.waitForLines("hello bob", "hi alice", "hello from the tutorial page");
        alice.waitUntil(p -> p.shown().size() == 3);
        String tutorialName = alice.messages().get(2).user();
        assertThat(tutorialName).as("the tutorial page's guest name").matches("guest-[a-z0-9]{6}");
        bob.waitForMessage(tutorialName, "hello from the tutorial page");
        tutorialUser.leave(); // the tutorial's page never reconnects: it leaves before the replicas go

        replicas.terminate(alicesReplica);
        alice.typeAndPressEnter("said while my replica drains");
        bob.typeAndClickSend("bob, during the drain");
        waitUntilBothShow(alice, bob, 5);

        assertThat(alice.socketUrls()).as("alice's page reconnected when her replica drained").hasSizeGreaterThan(1);

        Replica crashing = replicas.running().contains(bobsReplica) ? bobsReplica : busiestRunningReplica();
        int pagesOnCrashing = replicas.openWebSockets(crashing);
        assertThat(pagesOnCrashing).as("pages on the replica about to be killed").isPositive();
        int socketsBeforeCrash = alice.socketUrls().size() + bob.socketUrls().size();
        killAndWaitUntilGone(crashing);
        alice.typeAndPressEnter("alice after the crash");
        bob.typeAndClickSend("bob after the crash");
        waitUntilBothShow(alice, bob, 7);
        assertThat(alice.socketUrls().size() + bob.socketUrls().size())
                .as("connections opened again after the crash, by the pages that were on the killed replica")
                .isEqualTo(socketsBeforeCrash + pagesOnCrashing);
        System.out.println("ReplicasBrowserIT: alice began on " + alicesReplica + " (SIGTERM), bob on " + bobsReplica
                + "; killed " + crashing + " holding " + pagesOnCrashing + " page(s); sockets: alice "
                + alice.socketUrls().size() + ", bob " + bob.socketUrls().size());

        List<Shown> seen = alice.shown();
        assertThat(bob.shown()).as("bob's page shows what alice's shows, in the same order").isEqualTo(seen);
        assertThat(seen).as("every message, once").containsExactlyInAnyOrder(
                new Shown("alice", "hello bob"), new Shown("bob", "hi alice"),
                new Shown(tutorialName, "hello from the tutorial page"),
                new Shown("alice", "said while my replica drains"), new Shown("bob", "bob, during the drain"),
                new Shown("alice", "alice after the crash"), new Shown("bob", "bob after the crash"));
        assertThat(alice.seqs()).as("alice's page: the room's seqs, in order, none missing")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 7).boxed().toList());
        assertThat(bob.seqs()).as("bob's page").containsExactlyElementsOf(alice.seqs());
        assertThat(textsOf(seen, "alice")).as("alice's messages in the order she sent them").containsExactly(
                "hello bob", "said while my replica drains", "alice after the crash");
        assertThat(textsOf(seen, "bob")).as("bob's messages in the order he sent them").containsExactly(
                "hi alice", "bob, during the drain", "bob after the crash");
        assertThat(alice.messages()).as("alice's own messages, all confirmed").filteredOn(Message::own)
                .extracting(Message::state).containsOnly("sent");

        Person latecomer = newPerson("latecomer");
        TutorialPage afterCrash = TutorialPage.open(latecomer, replicas.baseUrl() + "/lb-healthz", room);
        afterCrash.typeAndPressEnter("a tutorial page on the surviving replica");
        afterCrash.waitForLines("a tutorial page on the surviving replica");
        for (Person person : List.of(alice, bob)) {
            person.waitUntil(p -> p.shown().size() == 8
                    && p.shown().get(7).text().equals("a tutorial page on the surviving replica"));
        }
    }

    private Person newPerson(String name) {
        Person person = new Person(name, replicas.baseUrl());
        people.add(person);
        return person;
    }

    /** Waits until both pages show this many messages, every one confirmed by the server (it has a seq). */
    private void waitUntilBothShow(Person alice, Person bob, int count) {
        for (Person person : List.of(alice, bob)) {
            person.waitUntil(CARRY_ON_WITHIN, p -> p.seqs().size() == count && !p.seqs().contains(0L)
                    && p.connectionState().equals("open"));
        }
    }

    private Replica theOnlyReplicaHoldingWebSockets() {
        List<Replica> holding = new ArrayList<>();
        Eventually.await(() -> {
            holding.clear();
            replicas.running().stream().filter(r -> replicas.openWebSockets(r) == 1).forEach(holding::add);
            return holding.size() == 1;
        }, "one replica holds the first page's WebSocket", LOCATE_WITHIN);
        return holding.get(0);
    }

    /** The replica the second page landed on: the one with two WebSockets, or the one other than the first's. */
    private Replica replicaWhoseCountGrew(Replica first) {
        List<Replica> grown = new ArrayList<>();
        Eventually.await(() -> {
            grown.clear();
            for (Replica replica : replicas.running()) {
                int open = replicas.openWebSockets(replica);
                if (replica.equals(first) ? open == 2 : open == 1) {
                    grown.add(replica);
                }
            }
            return grown.size() == 1;
        }, "one replica holds the second page's WebSocket", LOCATE_WITHIN);
        return grown.get(0);
    }

    private Replica busiestRunningReplica() {
        return replicas.running().stream().max(Comparator.comparingInt(replicas::openWebSockets)).orElseThrow();
    }

    private void killAndWaitUntilGone(Replica replica) {
        try {
            replicas.kill(replica);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing " + replica, e);
        }
    }

    private static List<String> textsOf(List<Shown> shown, String user) {
        return shown.stream().filter(s -> s.user().equals(user)).map(Shown::text).toList();
    }
}
