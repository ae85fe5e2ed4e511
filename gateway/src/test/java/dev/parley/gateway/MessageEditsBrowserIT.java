package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ChatBrowser.Shown;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Editing and deleting one's own messages, in real headless Chromium against an in-process gateway: the change is
 * seen live by the others and again after a reload (from history), only the author is offered the buttons, and
 * the server refuses a change to somebody else's message even when a page asks for it. Skipped where Debian's
 * chromium and chromium-driver are missing.
 */
class MessageEditsBrowserIT {

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
    void anEditAndADeleteAreSeenLiveByOthersAndAgainAfterAReload() {
        String room = BrowserGateway.uniqueRoom("edits");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        alice.typeAndPressEnter("helo wrold");
        alice.typeAndPressEnter("oops, wrong room");
        alice.typeAndPressEnter("still here");
        bob.waitForMessage("alice", "still here");
        alice.waitUntil(p -> actionButtons(p, "helo wrold").size() == 2);
        assertThat(actionButtons(bob, "helo wrold")).as("buttons on somebody else's message").isEmpty();

        edit(alice, "helo wrold", "hello world");
        bob.waitForMessage("alice", "hello world");
        deleteMessage(alice, "oops, wrong room");
        bob.waitForMessage("alice", "Message deleted");

        for (Person person : List.of(alice, bob)) {
            person.waitUntil(p -> p.shown().equals(List.of(new Shown("alice", "hello world"),
                    new Shown("alice", "Message deleted"), new Shown("alice", "still here"))));
            assertThat(editedMarks(person)).as("%s's page: the marks", person.name)
                    .containsExactly("edited", "", "");
            assertThat(person.driver.findElements(By.cssSelector("#messages .message.deleted"))).hasSize(1);
        }

        bob.openRoomPage(room);
        bob.waitForMessage("alice", "still here");
        assertThat(bob.shown()).as("bob's page after a reload").containsExactly(new Shown("alice", "hello world"),
                new Shown("alice", "Message deleted"), new Shown("alice", "still here"));
        assertThat(editedMarks(bob)).as("marks from history").containsExactly("edited", "", "");
        assertThat(bob.driver.getPageSource()).doesNotContain("oops, wrong room").doesNotContain("helo wrold");
        assertThat(bob.seqs()).as("seqs, the edit's and the delete's taking 4 and 5").containsExactly(1L, 2L, 3L);
    }

    @Test
    void somebodyElsesMessageIsRefusedAndAGuestsRightEndsWithItsConnection() {
        String room = BrowserGateway.uniqueRoom("refused");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        alice.typeAndPressEnter("mine, not bob's");
        bob.waitForMessage("alice", "mine, not bob's");
        long seq = bob.seqs().get(0);

        // Bob's page asks anyway, over a socket of its own, as a hand-made client would.
        Object answer = ((JavascriptExecutor) bob.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const socket = new WebSocket(location.origin.replace('http', 'ws') + '/ws/chat/"
                        + room + "/?name=bob', 'parley.v1');"
                        + "socket.onopen = () => socket.send(JSON.stringify("
                        + "{type: 'chat.edit', seq: arguments[0], message: 'bob was here', client_id: 'e-1'}));"
                        + "socket.onmessage = (e) => { const f = JSON.parse(e.data);"
                        + " if (f.type === 'error') { socket.close(); done(f.code); } };"
                        + "setTimeout(() => done('no error within 10 s'), 10000);", seq);
        assertThat(answer).isEqualTo("not_your_message");
        assertThat(alice.shown()).containsExactly(new Shown("alice", "mine, not bob's"));
        assertThat(editedMarks(alice)).containsExactly("");

        // A guest may change only what it posted over the connection it still has: after a reload, no buttons.
        assertThat(actionButtons(alice, "mine, not bob's")).hasSize(2);
        alice.openRoomPage(room);
        alice.waitForMessage("alice", "mine, not bob's");
        assertThat(actionButtons(alice, "mine, not bob's")).as("buttons after a reload").isEmpty();
    }

    /** Opens the editor from the message's Edit button, replaces the text and saves with Enter. */
    private static void edit(Person person, String text, String replacement) {
        clickAction(person, text, "edit");
        WebElement input = person.driver.findElement(By.cssSelector("#messages .edit-input"));
        assertThat(input.getDomProperty("value")).isEqualTo(text);
        assertThat(person.driver.switchTo().activeElement()).as("focus in the editor").isEqualTo(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), replacement, Keys.ENTER);
        person.waitUntil(p -> p.driver.findElements(By.cssSelector("#messages .edit-form")).isEmpty());
    }

    /** Delete, then the question's Delete. */
    private static void deleteMessage(Person person, String text) {
        clickAction(person, text, "delete");
        WebElement confirm = message(person, text).findElement(By.cssSelector("button[data-action='confirm-delete']"));
        confirm.click();
    }

    private static void clickAction(Person person, String text, String action) {
        WebElement message = message(person, text);
        new Actions(person.driver).moveToElement(message).perform();
        message.findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    }

    private static WebElement message(Person person, String text) {
        return person.driver.findElements(By.cssSelector("#messages .message")).stream()
                .filter(m -> m.findElement(By.cssSelector(".text")).getDomProperty("textContent").equals(text))
                .findFirst().orElseThrow(() -> new AssertionError("no message \"" + text + "\" on " + person.name
                        + "'s page"));
    }

    private static List<WebElement> actionButtons(Person person, String text) {
        return message(person, text).findElements(By.cssSelector(".message-actions button"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> editedMarks(Person person) {
        return (List<String>) person.script(
                "return [...document.querySelectorAll('#messages .message')].map(m => m.querySelector('.edited-mark').textContent);");
    }
}
