package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.gateway.ChatBrowser.Message;
import dev.parley.gateway.ChatBrowser.Shown;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Message history in the web UI, in real headless Chromium against an in-process gateway that keeps its history in
 * an embedded database in a temporary directory: a page shows what was said before it came, loads older messages
 * on request, and after a reconnect or a gateway restart shows every message exactly once, in order. Skipped where
 * Debian's chromium and chromium-driver are missing.
 */
class HistoryBrowserIT {

    /** Long enough for a few backoff steps (0.5 s doubling, at most 15 s) after the gateway comes back. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);
    /** How long a page that shows everything once is watched for a message coming in twice. */
    private static final Duration SETTLE = Duration.ofMillis(1500);
    private static final String RESET_LINE = "You were away a while: showing the latest messages.";

    @TempDir
    Path dataDir;

    private final BrowserGateway browsers = new BrowserGateway();

    @BeforeAll
    static void chromiumIsInstalled() {
        ChatBrowser.assumeInstalled();
    }

    @BeforeEach
    void startGateway() throws Exception {
        browsers.start(GatewayConfig.defaults().withDataDir(dataDir)
                .withLimits(Limits.defaults().withoutRateLimits())); // the tests post hundreds of messages at once
    }

    @AfterEach
    void stopEverything() throws Exception {
        browsers.close();
    }

    @Test
    void aNewcomerSeesWhatWasSaidBefore() {
        String room = BrowserGateway.uniqueRoom("on-entering");
        Person alice = browsers.newPerson("alice");
        alice.joinFromStartPage(room);
        List<String> texts = List.of("first", "second", "third");
        texts.forEach(alice::typeAndPressEnter);
        alice.waitUntil(p -> p.messages().size() == 3 && p.messages().stream().allMatch(m -> m.state().equals("sent")));

        Person bob = browsers.newPerson("bob");
        bob.joinFromStartPage(room);
        List<Shown> before = said("alice", texts);
        bob.waitUntil(p -> p.shown().equals(before));
        assertThat(bob.messages()).as("alice's messages on bob's page").noneMatch(Message::own);
        assertSeqsIncrease(bob);
        assertThat(bob.loadOlderButton().isDisplayed()).as("'Load older messages' with nothing older").isFalse();
        assertThat(bob.driver.findElement(By.id("history-start")).isDisplayed()).as("the start of the history").isTrue();
        assertThat(bob.driver.findElement(By.id("empty-hint")).isDisplayed()).as("the empty-room hint").isFalse();
        bob.screenshot("history-on-entering");

        alice.typeAndPressEnter("fourth, live");
        List<Shown> all = concat(before, said("alice", List.of("fourth, live")));
        bob.waitUntil(p -> p.shown().equals(all));

        // The page keeps nothing but the name and which rooms were joined: after a reload, the history comes from
        // the server again.
        alice.driver.navigate().refresh();
        alice.waitUntil(p -> p.connectionState().equals("open") && p.shown().equals(all));
        assertThat(alice.messages()).as("alice's own messages after a reload").allMatch(Message::own);
        assertThat(alice.storedKeys()).as("what the page keeps in localStorage")
                .containsExactlyInAnyOrder("parley.name", "parley.rooms");
    }

    @Test
    void olderMessagesLoadOnRequestAndOnScrollingUp() {
        String room = BrowserGateway.uniqueRoom("scroll-back");
        List<String> texts = numbered("m", 1, 120);
        post(room, "carol", texts);

        // Tall enough for the latest 50 to fit: nothing scrolls, so only the button asks for more.
        Person bob = browsers.newPerson("bob");
        bob.resize(1200, 4200);
        bob.joinFromStartPage(room);
        bob.waitUntil(p -> p.shown().equals(said("carol", texts.subList(70, 120))));
        assertThat(bob.messagesOverflow()).as("whether the latest 50 overflow a window this tall").isFalse();
        assertThat(bob.loadOlderButton().isDisplayed()).as("'Load older messages' with older messages").isTrue();
        bob.screenshot("history-load-older-desktop");

        double m71 = bob.offsetInView("m71");
        bob.loadOlderButton().click();
        bob.waitUntil(p -> p.shown().equals(said("carol", texts.subList(20, 120))));
        assertThat(bob.offsetInView("m71")).as("where m71 is after older messages came in above it")
                .isCloseTo(m71, within(2.0));

        bob.scrollMessagesToTop();
        bob.waitUntil(p -> p.shown().equals(said("carol", texts)));
        assertSeqsIncrease(bob);
        assertThat(bob.loadOlderButton().isDisplayed()).as("'Load older messages' once all is shown").isFalse();
        assertThat(bob.driver.findElement(By.id("history-start")).isDisplayed()).as("the start of the history").isTrue();

        Person dave = browsers.newPerson("dave");
        dave.resize(390, 4200);
        dave.joinFromStartPage(room);
        dave.waitUntil(p -> p.shown().equals(said("carol", texts.subList(70, 120))));
        assertThat(dave.loadOlderButton().isDisplayed()).as("'Load older messages' on a phone").isTrue();
        dave.screenshot("history-load-older-phone");
        dave.resize(390, 844);
        dave.waitUntil(p -> p.messagesOverflow() && p.scrolledToBottom()); // a smaller window still shows the latest
        dave.scrollMessagesToTop();
        dave.waitUntil(p -> p.shown().size() == 100);
        dave.screenshot("history-after-load-phone");
        dave.scrollMessagesToTop();
        dave.waitUntil(p -> p.shown().equals(said("carol", texts)));
        dave.scrollMessagesToTop();
        dave.screenshot("history-start-phone");
    }

    @Test
    void afterTheGatewayRestartsAPageShowsEveryMessageOnceInOrder() throws Exception {
        String room = BrowserGateway.uniqueRoom("restart");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        bob.spyOnSockets();
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        alice.typeAndPressEnter("before the restart, from alice");
        bob.waitForMessage("alice", "before the restart, from alice");
        bob.typeAndPressEnter("before the restart, from bob");
        List<Shown> before = List.of(new Shown("alice", "before the restart, from alice"),
                new Shown("bob", "before the restart, from bob"));
        for (Person person : List.of(alice, bob)) {
            person.waitUntil(p -> p.shown().equals(before) && !p.seqs().contains(0L));
        }
        long lastSeen = Collections.max(bob.seqs());

        // Bob's page stays away until the gateway is back and others have posted: those it must catch up on.
        bob.holdReconnects();
        browsers.stop();
        bob.waitUntil(p -> !p.connectionState().equals("open"));
        browsers.restart();
        List<String> missed = List.of("while bob was away 1", "while bob was away 2", "while bob was away 3");
        post(room, "carol", missed);
        bob.releaseReconnects();

        List<Shown> caughtUp = concat(before, said("carol", missed));
        bob.waitUntil(p -> p.shown().equals(caughtUp));
        List<String> urls = bob.socketUrls();
        assertThat(urls.get(urls.size() - 1)).as("the address bob's page reconnected to").endsWith("&after=" + lastSeen);
        alice.waitUntil(RECONNECT_WAIT, p -> p.connectionState().equals("open") && p.shown().equals(caughtUp));

        alice.typeAndPressEnter("after the restart");
        List<Shown> all = concat(caughtUp, said("alice", List.of("after the restart")));
        for (Person person : List.of(alice, bob)) {
            person.waitUntil(p -> p.shown().equals(all));
        }
        pause(SETTLE);
        for (Person person : List.of(alice, bob)) {
            assertThat(person.shown()).as("%s's page, a moment later", person.name).isEqualTo(all);
            assertSeqsIncrease(person);
        }
        assertThat(bob.systemLines()).as("bob's page caught up; it did not start again").doesNotContain(RESET_LINE);
    }

    @Test
    void aMessageWrittenWhileTheGatewayIsDownIsPostedOnce() throws Exception {
        String room = BrowserGateway.uniqueRoom("written-while-down");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);

        browsers.stop();
        alice.waitUntil(p -> !p.connectionState().equals("open"));
        alice.typeAndPressEnter("written while the gateway was down");
        alice.waitUntil(p -> p.messages().size() == 1);
        assertThat(alice.messages().get(0).state()).as("a message that cannot go out yet").isEqualTo("pending");

        browsers.restart();
        List<Shown> once = List.of(new Shown("alice", "written while the gateway was down"));
        alice.waitUntil(RECONNECT_WAIT, p -> p.shown().equals(once) && p.messages().get(0).state().equals("sent"));
        bob.waitUntil(RECONNECT_WAIT, p -> p.shown().equals(once));
        pause(SETTLE);
        assertThat(bob.shown()).as("bob's page, a moment later").isEqualTo(once);
        assertThat(alice.shown()).as("alice's page, a moment later").isEqualTo(once);
    }

    @Test
    void aMessageWhoseAnswerWasLostIsSentAgainAndPostedOnce() {
        String room = BrowserGateway.uniqueRoom("answer-lost");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.spyOnSockets();
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        alice.typeAndPressEnter("hello");
        alice.waitUntil(p -> p.messages().size() == 1 && p.messages().get(0).state().equals("sent"));
        long lastSeen = alice.seqs().get(0);

        // The server stores the message and answers, but alice's page hears nothing before its connection drops.
        alice.muteIncoming(true);
        alice.typeAndPressEnter("its answer was lost");
        bob.waitForMessage("alice", "its answer was lost");
        assertThat(alice.messages().get(1).state()).as("alice's message without an answer").isEqualTo("pending");
        alice.dropConnection();

        List<Shown> once = said("alice", List.of("hello", "its answer was lost"));
        alice.waitUntil(RECONNECT_WAIT, p -> p.connectionState().equals("open") && p.shown().equals(once)
                && p.messages().stream().allMatch(m -> m.state().equals("sent")));
        List<String> urls = alice.socketUrls();
        assertThat(urls.get(urls.size() - 1)).as("the address alice's page reconnected to").endsWith("&after=" + lastSeen);
        pause(SETTLE);
        assertThat(alice.shown()).as("alice's page, a moment later").isEqualTo(once);
        assertThat(bob.shown()).as("bob's page: the message sent again is not posted twice").isEqualTo(once);
    }

    @Test
    void aPageAwayTooLongStartsAgainFromTheLatest() {
        String room = BrowserGateway.uniqueRoom("reset");
        Person bob = browsers.newPerson("bob");
        bob.spyOnSockets();
        bob.joinFromStartPage(room);
        post(room, "carol", List.of("before bob went away"));
        bob.waitForMessage("carol", "before bob went away");

        bob.holdReconnects();
        bob.dropConnection();
        bob.waitUntil(p -> !p.connectionState().equals("open"));
        List<String> burst = numbered("burst ", 1, 510); // more than the 500 a resume catches up on
        post(room, "carol", burst);
        bob.releaseReconnects();

        bob.waitUntil(p -> p.shown().equals(said("carol", burst.subList(460, 510))));
        assertThat(bob.systemLines()).as("bob's page after starting again").contains(RESET_LINE);
        assertThat(bob.loadOlderButton().isDisplayed()).as("'Load older messages' after starting again").isTrue();
        assertSeqsIncrease(bob);
        bob.screenshot("history-reset");
    }

    @Test
    void aMessageThePageNeverHeardIsFetchedWhenALaterOneShowsTheGap() {
        String room = BrowserGateway.uniqueRoom("gap");
        Person bob = browsers.newPerson("bob");
        bob.spyOnSockets();
        bob.joinFromStartPage(room);
        post(room, "carol", List.of("one"));
        bob.waitForMessage("carol", "one");

        // As when a gateway stores a message and dies before sending it: bob's connection stays, the frame is lost.
        bob.muteIncoming(true);
        post(room, "carol", List.of("two, never heard"));
        bob.waitUntil(p -> p.droppedFrames() >= 1);
        bob.muteIncoming(false);
        post(room, "carol", List.of("three"));

        bob.waitUntil(p -> p.shown().equals(said("carol", List.of("one", "two, never heard", "three"))));
        assertSeqsIncrease(bob);
        assertThat(bob.socketUrls()).as("connections opened: the gap was filled without reconnecting").hasSize(1);
        assertThat(bob.sentFrames()).as("what bob's page asked the server")
                .anyMatch(frame -> new JsonObject(frame).getString("type", "").equals("history.after"));
    }

    @Test
    void lateAndRepeatedMessagesAreShownOnceInSeqOrder() {
        String room = BrowserGateway.uniqueRoom("order");
        Person bob = browsers.newPerson("bob");
        bob.spyOnSockets();
        bob.joinFromStartPage(room);
        post(room, "carol", List.of("one", "two"));
        bob.waitUntil(p -> p.shown().equals(said("carol", List.of("one", "two"))));
        long two = Collections.max(bob.seqs());

        // As when two gateways accept messages at the same moment: four overtakes three, and two comes again.
        bob.receiveFrame(chatMessage(room, two + 2, "four"));
        bob.receiveFrame(chatMessage(room, two + 1, "three"));
        bob.receiveFrame(chatMessage(room, two, "two"));
        bob.waitUntil(p -> p.shown().equals(said("carol", List.of("one", "two", "three", "four"))));
        assertSeqsIncrease(bob);
    }

    /**
     * Posts the messages through a plain rich-mode WebSocket, as fast as it can, and waits for every ack: then they
     * are stored. (Not for the echoes: the sender's own channel overflows in such a burst, and echoes are lost.)
     * Client ids are new for each call: the same one again would be taken for a retry and not posted.
     */
    private void post(String room, String user, List<String> texts) {
        WebSocketTestClient client = WebSocketTestClient.connect(
                URI.create("ws://127.0.0.1:" + browsers.port() + "/ws/chat/" + room + "/?name=" + user), "parley.v1");
        String batch = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < texts.size(); i++) {
            client.send(new JsonObject().put("type", "chat.send").put("message", texts.get(i))
                    .put("client_id", batch + "-" + i));
        }
        Set<String> unacknowledged = IntStream.range(0, texts.size()).mapToObj(i -> batch + "-" + i)
                .collect(Collectors.toSet());
        while (!unacknowledged.isEmpty()) {
            JsonObject frame = client.receiveJson();
            assertThat(frame.getString("type")).as("a frame while posting: %s", frame).isNotEqualTo("error");
            if ("chat.ack".equals(frame.getString("type"))) {
                unacknowledged.remove(frame.getString("client_id"));
            }
        }
        client.close();
    }

    private static String chatMessage(String room, long seq, String text) {
        return new JsonObject().put("type", "chat.message").put("room", room).put("seq", seq).put("user", "carol")
                .put("message", text).put("sent_at", Instant.now().toString()).encode();
    }

    private static void assertSeqsIncrease(Person person) {
        List<Long> seqs = person.seqs();
        assertThat(seqs).as("%s's page: seqs", person.name).doesNotContain(0L).isSorted().doesNotHaveDuplicates();
    }

    private static List<String> numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> prefix + n).toList();
    }

    private static List<Shown> said(String user, List<String> texts) {
        return texts.stream().map(text -> new Shown(user, text)).toList();
    }

    private static List<Shown> concat(List<Shown> first, List<Shown> then) {
        return Stream.concat(first.stream(), then.stream()).toList();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
