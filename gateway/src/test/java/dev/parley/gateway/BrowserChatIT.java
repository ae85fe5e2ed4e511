package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ChatBrowser.Message;
import dev.parley.gateway.ChatBrowser.People;
import dev.parley.gateway.ChatBrowser.Shown;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in real headless Chromium against an in-process gateway: two people chat and see each other in the
 * room, message text is never read as HTML, and a page rides out a gateway restart. Skipped where Debian's chromium
 * and chromium-driver are missing.
 */
class BrowserChatIT {

    /** Long enough for a few backoff steps (0.5 s doubling, at most 15 s) after the gateway comes back. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);

    /** The gateway's history, kept apart from ./data and from other tests. */
    @TempDir
    Path dataDir;

    private final BrowserGateway browsers = new BrowserGateway();

    @BeforeAll
    static void chromiumIsInstalled() {
        ChatBrowser.assumeInstalled();
    }

    @BeforeEach
    void startGateway() throws Exception {
        browsers.start(GatewayConfig.defaults().withDataDir(dataDir));
    }

    @AfterEach
    void stopEverything() throws Exception {
        browsers.close();
    }

    @Test
    void twoPeopleChatInOneRoom() {
        String room = BrowserGateway.uniqueRoom("two-people");
        Instant before = Instant.now();
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);

        alice.typeAndPressEnter("hello bob");
        bob.waitForMessage("alice", "hello bob");
        bob.typeAndClickSend("hi alice, how are you?");
        alice.waitForMessage("bob", "hi alice, how are you?");

        List<Shown> expected = List.of(new Shown("alice", "hello bob"), new Shown("bob", "hi alice, how are you?"));
        alice.waitUntil(p -> p.shown().equals(expected));
        bob.waitUntil(p -> p.shown().equals(expected));
        alice.waitUntil(p -> p.messages().get(0).state().equals("sent"));

        Message own = alice.messages().get(0);
        assertThat(own.own()).as("alice's own message is marked as hers").isTrue();
        assertThat(alice.messages().get(1).own()).as("bob's message on alice's page").isFalse();
        assertThat(bob.messages().get(0).own()).as("alice's message on bob's page").isFalse();
        assertThat(own.time()).as("shown time").isNotBlank();
        assertThat(Instant.parse(own.dateTime())).as("the time shown is the server's sent_at")
                .isBetween(before, Instant.now());
    }

    @Test
    void messageTextIsNeverReadAsHtml() {
        String room = BrowserGateway.uniqueRoom("never-html");
        String markup = "<img src=x onerror=alert(1)>";
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);

        alice.typeAndPressEnter(markup);
        bob.waitForMessage("alice", markup);
        alice.waitUntil(p -> p.messages().size() == 1 && p.messages().get(0).state().equals("sent"));

        for (Person person : List.of(alice, bob)) {
            WebElement text = person.driver.findElement(By.cssSelector("#messages .message .text"));
            assertThat(text.getDomProperty("textContent")).as("%s's page", person.name).isEqualTo(markup);
            assertThat(text.findElements(By.xpath(".//*"))).as("%s's page: elements in the text", person.name).isEmpty();
            assertThat(person.driver.findElements(By.cssSelector("#messages img"))).as("%s's page", person.name).isEmpty();
            assertThat(ExpectedConditions.alertIsPresent().apply(person.driver)).as("%s's page: alert", person.name).isNull();
        }
    }

    @Test
    void othersSeeWhoIsTyping() {
        String room = BrowserGateway.uniqueRoom("typing");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);

        bob.composer().sendKeys("I am wri");
        alice.waitUntil(p -> p.typingLine().equals("bob is typing…"));
        assertThat(bob.typingLine()).as("nobody tells bob about himself").isEmpty();

        bob.composer().sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        // Shorter than the 6 s after which the line expires anyway: only bob's "stopped typing" clears it this soon.
        alice.waitUntil(Duration.ofSeconds(3), p -> p.typingLine().isEmpty());
    }

    @Test
    void everyoneSeesWhoIsInTheRoom() {
        String room = BrowserGateway.uniqueRoom("people");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        alice.waitUntil(p -> p.people().equals(new People(List.of("alice"), "alice", "1 here")));

        bob.joinFromStartPage(room);
        alice.waitUntil(p -> p.people().equals(new People(List.of("alice", "bob"), "alice", "2 here")));
        bob.waitUntil(p -> p.people().equals(new People(List.of("bob", "alice"), "bob", "2 here")));
        assertThat(alice.systemLines()).as("alice's page, after bob came in").containsExactly("bob joined");
        assertThat(bob.systemLines()).as("bob's page: nothing about himself or who was already there").isEmpty();

        bob.leave();
        alice.waitUntil(p -> p.people().equals(new People(List.of("alice"), "alice", "1 here")));
        assertThat(alice.systemLines()).as("alice's page, after bob went").containsExactly("bob joined", "bob left");
    }

    @Test
    void afterAReconnectThePeopleListHoldsOnlyWhoIsStillThere() throws Exception {
        String room = BrowserGateway.uniqueRoom("people-reconnect");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        alice.waitForPeople("alice", "bob");

        browsers.stop();
        bob.leave(); // while the gateway is down: no gateway can tell alice he left
        alice.waitUntil(p -> !p.connectionState().equals("open"));
        assertThat(alice.driver.findElement(By.id("people-panel")).getDomAttribute("class"))
                .as("the list while disconnected").contains("stale");

        browsers.restart();
        alice.waitUntil(RECONNECT_WAIT, p -> p.connectionState().equals("open"));
        alice.waitUntil(p -> p.people().equals(new People(List.of("alice"), "alice", "1 here")));
        assertThat(alice.driver.findElement(By.id("people-panel")).getDomAttribute("class"))
                .as("the list after reconnecting").doesNotContain("stale");
    }

    @Test
    void roomPageAsksForANameWhenNoneIsStored() {
        String room = BrowserGateway.uniqueRoom("name-prompt");
        Person carol = browsers.newPerson("carol");
        carol.driver.get(browsers.baseUrl() + "/chat/" + room + "/");
        WebElement prompt = carol.driver.findElement(By.id("name-prompt"));
        carol.waitUntil(p -> prompt.isDisplayed());
        assertThat(carol.driver.findElements(By.id("composer"))).as("composer before a name is chosen")
                .noneMatch(WebElement::isDisplayed);

        carol.driver.findElement(By.id("prompt-name")).sendKeys(" not a name!");
        carol.driver.findElement(By.id("prompt-save")).click();
        assertThat(prompt.isDisplayed()).as("prompt after an invalid name").isTrue();
        assertThat(carol.driver.findElement(By.id("prompt-error")).getText()).as("why the name was refused")
                .isNotBlank();

        WebElement nameField = carol.driver.findElement(By.id("prompt-name"));
        nameField.clear();
        nameField.sendKeys(carol.name);
        carol.driver.findElement(By.id("prompt-save")).click();
        carol.waitUntil(p -> p.connectionState().equals("open"));
        assertThat(prompt.isDisplayed()).as("prompt after a valid name").isFalse();
        assertThat(carol.driver.getCurrentUrl()).as("still in the room").isEqualTo(browsers.baseUrl() + "/chat/" + room + "/");
        assertThat(carol.driver.findElement(By.id("me")).getText()).isEqualTo(carol.name);

        carol.typeAndPressEnter("first!");
        carol.waitUntil(p -> p.shown().equals(List.of(new Shown("carol", "first!"))));

        carol.driver.get(browsers.baseUrl() + "/");
        assertThat(carol.driver.findElement(By.id("name")).getDomProperty("value")).as("remembered name")
                .isEqualTo(carol.name);
    }

    @Test
    void pageReconnectsWhenTheGatewayComesBack() throws Exception {
        String room = BrowserGateway.uniqueRoom("reconnect");
        Person alice = browsers.newPerson("alice");
        alice.joinFromStartPage(room);
        assertThat(alice.connectionState()).isEqualTo("open");
        assertThat(alice.banner().isDisplayed()).as("banner while connected").isFalse();

        browsers.stop();
        alice.waitUntil(p -> List.of("reconnecting", "offline").contains(p.connectionState()));
        assertThat(alice.banner().isDisplayed()).as("banner while disconnected").isTrue();

        alice.typeAndPressEnter("written while the gateway was down");
        alice.waitUntil(p -> p.messages().size() == 1);
        assertThat(alice.messages().get(0).state()).as("a message that could not go out yet").isEqualTo("pending");
        assertThat(alice.composer().isEnabled()).as("the composer while disconnected").isTrue();

        browsers.restart();
        alice.waitUntil(RECONNECT_WAIT, p -> p.connectionState().equals("open"));
        assertThat(alice.banner().isDisplayed()).as("banner after reconnecting").isFalse();
        alice.waitUntil(p -> p.messages().size() == 1 && p.messages().get(0).state().equals("sent"));

        alice.typeAndPressEnter("and this one after it came back");
        alice.waitUntil(p -> p.shown().equals(List.of(
                new Shown("alice", "written while the gateway was down"),
                new Shown("alice", "and this one after it came back")))
                && p.messages().get(1).state().equals("sent"));
    }
}
