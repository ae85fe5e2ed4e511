package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/**
 * The Django Channels tutorial's room page in one person's browser (tutorial-room.js): a page of the server's own
 * origin that opens {@code ws://<host>/ws/chat/<room>/} with no subprotocol, sends {@code {"message": ...}} and
 * appends each received {@code message} to a text area. It never reconnects, as the tutorial's page does not.
 */
final class TutorialPage {

    private static final String SCRIPT = TestResources.text("/tutorial-room.js");

    private final Person person;

    private TutorialPage(Person person) {
        this.person = person;
    }

    /**
     * Opens {@code pageUrl} (any page of the origin the chat is served from), builds the tutorial's room page in it
     * for {@code room}, and waits until its WebSocket is open.
     */
    static TutorialPage open(Person person, String pageUrl, String room) {
        person.driver.get(pageUrl);
        TutorialPage page = new TutorialPage(person);
        page.script(SCRIPT, room);
        person.waitUntil(p -> page.socketState().equals("open"));
        return page;
    }

    /** Types into the message field and presses Enter, as the tutorial's user does. */
    void typeAndPressEnter(String text) {
        person.driver.findElement(By.id("chat-message-input")).sendKeys(text, Keys.ENTER);
    }

    /** The chat log's lines, first to last. */
    List<String> lines() {
        String log = person.driver.findElement(By.id("chat-log")).getDomProperty("value");
        return log == null || log.isEmpty() ? List.of() : Arrays.asList(log.split("\n"));
    }

    /** Waits until the log holds exactly these lines. */
    void waitForLines(String... expected) {
        person.waitUntil(p -> lines().equals(List.of(expected)));
        assertThat(lines()).containsExactly(expected);
    }

    /** The socket's state: connecting, open, closing or closed. */
    String socketState() {
        Object state = script("return window.tutorialSocket ? window.tutorialSocket.readyState : -1;");
        return switch (((Number) state).intValue()) {
            case 0 -> "connecting";
            case 1 -> "open";
            case 2 -> "closing";
            case 3 -> "closed";
            default -> "none";
        };
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) person.driver).executeScript(script, arguments);
    }
}
