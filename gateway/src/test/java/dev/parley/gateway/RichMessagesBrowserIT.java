package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What makes messages more than text, in real headless Chromium against an in-process gateway: web addresses become
 * safe links (and nothing else does), @mentions of people in the room are marked and single out the messages that
 * name you, the colour theme can be chosen and is remembered, and entering a room does not read its history aloud.
 * Skipped where Debian's chromium and chromium-driver are missing.
 */
class RichMessagesBrowserIT {

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
    void webAddressesBecomeLinksAndOtherSchemesStayText() {
        String room = BrowserGateway.uniqueRoom("links");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);

        alice.typeAndPressEnter("see https://example.com/a?b=c.");
        alice.typeAndPressEnter("javascript:alert(1)");
        bob.waitForMessage("alice", "javascript:alert(1)");

        List<WebElement> texts = bob.driver.findElements(By.cssSelector("#messages .message .text"));
        List<WebElement> links = texts.get(0).findElements(By.tagName("a"));
        assertThat(links).as("links in the first message").hasSize(1);
        WebElement link = links.get(0);
        assertThat(link.getDomAttribute("href")).isEqualTo("https://example.com/a?b=c");
        assertThat(link.getText()).as("the link's text, without the full stop after it").isEqualTo("https://example.com/a?b=c");
        assertThat(link.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
        assertThat(link.getDomAttribute("target")).isEqualTo("_blank");
        assertThat(texts.get(0).getDomProperty("textContent")).isEqualTo("see https://example.com/a?b=c.");

        assertThat(texts.get(1).findElements(By.xpath(".//*"))).as("elements in a javascript: message").isEmpty();
        assertThat(bob.driver.findElements(By.cssSelector("#messages a"))).as("links on the page").hasSize(1);
    }

    @Test
    void aMentionSinglesOutTheMessageForThePersonNamedOnly() {
        String room = BrowserGateway.uniqueRoom("mentions");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        Person carol = browsers.newPerson("carol");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        carol.joinFromStartPage(room);
        for (Person person : List.of(alice, bob, carol)) {
            person.waitForPeople("alice", "bob", "carol");
        }

        // Completed from the people list: "@b", Tab picks bob.
        alice.composer().sendKeys("look @b");
        alice.waitUntil(p -> suggestions(p).equals(List.of("bob")));
        assertThat(alice.composer().getDomAttribute("aria-expanded")).isEqualTo("true");
        alice.composer().sendKeys(Keys.TAB);
        alice.waitUntil(p -> suggestions(p).isEmpty());
        assertThat(alice.composer().getDomProperty("value")).isEqualTo("look @bob ");
        alice.composer().sendKeys("here", Keys.ENTER);
        alice.composer().sendKeys("@c");
        alice.waitUntil(p -> suggestions(p).equals(List.of("carol")));
        alice.composer().sendKeys(Keys.ESCAPE);
        alice.waitUntil(p -> suggestions(p).isEmpty());
        alice.composer().sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, "@nobody and @carolyn are not here", Keys.ENTER);
        alice.composer().sendKeys("@c");
        alice.waitUntil(p -> suggestions(p).equals(List.of("carol")));
        alice.composer().sendKeys(Keys.ENTER);
        assertThat(alice.composer().getDomProperty("value")).as("Enter picks rather than sends").isEqualTo("@carol ");
        alice.composer().sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);

        for (Person person : List.of(alice, bob, carol)) {
            person.waitForMessage("alice", "@nobody and @carolyn are not here");
            assertThat(mentionSpans(person)).as("%s's page: the mentions", person.name).containsExactly("@bob");
        }
        assertThat(mentionsMe(bob)).as("on bob's page, messages that mention him").containsExactly("look @bob here");
        assertThat(mentionsMe(carol)).as("on carol's page").isEmpty();
        assertThat(mentionsMe(alice)).as("on alice's page, who wrote it").isEmpty();
        assertThat(bob.driver.findElement(By.id("notify-mentions")).isDisplayed())
                .as("the button asking for notifications").isTrue();
        bob.screenshot("mention-highlighted");
    }

    @Test
    void aMentionNotifiesOnlyWhenAskedForAndTheTabIsHidden() {
        String room = BrowserGateway.uniqueRoom("notify");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        fakeNotifications(bob);
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);
        bob.waitForPeople("alice", "bob");
        alice.waitForPeople("alice", "bob");
        assertThat(bob.script("return window.fakeNotes.asked;")).as("permission prompts on page load").isEqualTo(0L);

        bob.script("window.fakeNotes.hidden = true;");
        alice.typeAndPressEnter("@bob before you asked");
        bob.waitForMessage("alice", "@bob before you asked");

        WebElement button = bob.driver.findElement(By.id("notify-mentions"));
        button.click();
        bob.waitUntil(p -> "Mentions notify you".equals(button.getText()));
        assertThat(bob.script("return window.fakeNotes.asked;")).as("permission prompts after the click").isEqualTo(1L);

        alice.typeAndPressEnter("@bob while the tab is hidden");
        alice.typeAndPressEnter("no mention while hidden");
        bob.waitForMessage("alice", "no mention while hidden");
        bob.script("window.fakeNotes.hidden = false;");
        alice.typeAndPressEnter("@bob while you look");
        bob.waitForMessage("alice", "@bob while you look");

        assertThat(bob.script("return window.fakeNotes.shown;")).as("the notifications shown")
                .isEqualTo(List.of("alice mentioned you in #" + room + ": @bob while the tab is hidden"));
    }

    @Test
    void theChosenThemeIsAppliedAndRemembered() {
        String room = BrowserGateway.uniqueRoom("theme");
        Person alice = browsers.newPerson("alice");
        alice.joinFromStartPage(room);
        assertThat(theme(alice)).as("data-theme before any choice: the system's").isNull();

        WebElement toggle = alice.driver.findElement(By.id("theme-toggle"));
        toggle.click();
        assertThat(theme(alice)).isEqualTo("light");
        toggle.click();
        assertThat(theme(alice)).isEqualTo("dark");
        String darkBackground = background(alice);

        alice.driver.navigate().refresh();
        alice.waitUntil(p -> p.connectionState().equals("open"));
        assertThat(theme(alice)).as("data-theme after a reload").isEqualTo("dark");
        assertThat(background(alice)).as("the page's background after a reload").isEqualTo(darkBackground);
        alice.screenshot("theme-dark");

        // The start page follows the same choice, and has the toggle too.
        alice.startPage().open();
        assertThat(theme(alice)).as("data-theme on the start page").isEqualTo("dark");
        alice.driver.findElement(By.id("theme-toggle")).click();
        assertThat(theme(alice)).as("back to the system's").isNull();
        // No theme: the guest's name and joined rooms only.
        assertThat(alice.storedKeys()).as("what the page keeps").containsExactlyInAnyOrder("parley.name", "parley.rooms");
    }

    @Test
    void historyOnEnteringIsNotAnnouncedButLiveMessagesAre() {
        String room = BrowserGateway.uniqueRoom("quiet-history");
        Person alice = browsers.newPerson("alice");
        alice.joinFromStartPage(room);
        alice.typeAndPressEnter("said before bob came");
        alice.waitUntil(p -> p.messages().size() == 1 && p.messages().get(0).state().equals("sent"));

        Person bob = browsers.newPerson("bob");
        bob.joinFromStartPage(room);
        bob.waitForMessage("alice", "said before bob came");
        alice.typeAndPressEnter("said while bob is here");
        bob.waitForMessage("alice", "said while bob is here");

        assertThat(liveRegionOf(bob, "said before bob came")).as("the live region around the history").isEmpty();
        assertThat(liveRegionOf(bob, "said while bob is here")).as("the live region around a live message")
                .isEqualTo("polite");
    }

    /**
     * Replaces the Notification API and document.hidden of every page this person opens: headless Chromium has
     * neither a permission prompt to answer nor a tab to hide. A prompt is answered "granted" and counted.
     */
    private static void fakeNotifications(Person person) {
        String fake = "window.fakeNotes = {asked: 0, shown: [], hidden: false, permission: 'default'};"
                + "Object.defineProperty(Document.prototype, 'hidden', {get: () => window.fakeNotes.hidden});"
                + "window.Notification = class extends EventTarget {"
                + "  static get permission() { return window.fakeNotes.permission; }"
                + "  static async requestPermission() { window.fakeNotes.asked++;"
                + "    return window.fakeNotes.permission = 'granted'; }"
                + "  constructor(title, options) { super(); window.fakeNotes.shown.push(title + ': ' + options.body); }"
                + "  close() {} };";
        ((ChromeDriver) person.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", fake));
    }

    @SuppressWarnings("unchecked")
    private static List<String> suggestions(Person person) {
        return (List<String>) person.script("const list = document.getElementById('mention-suggestions');"
                + "return list.hidden ? [] : [...list.children].map(o => o.textContent);");
    }

    @SuppressWarnings("unchecked")
    private static List<String> mentionSpans(Person person) {
        return (List<String>) person.script(
                "return [...document.querySelectorAll('#messages .message .mention')].map(m => m.textContent);");
    }

    @SuppressWarnings("unchecked")
    private static List<String> mentionsMe(Person person) {
        return (List<String>) person.script("return [...document.querySelectorAll('#messages .message.mentions-me')]"
                + ".map(m => m.querySelector('.text').textContent);");
    }

    private static String theme(Person person) {
        return person.driver.findElement(By.tagName("html")).getDomAttribute("data-theme");
    }

    private static String background(Person person) {
        return (String) person.script("return getComputedStyle(document.body).backgroundColor;");
    }

    /** The aria-live value of the nearest live region around the message with this text: "" where there is none. */
    private static String liveRegionOf(Person person, String text) {
        return (String) person.script("const m = [...document.querySelectorAll('#messages .message')]"
                + ".find(m => m.querySelector('.text').textContent === arguments[0]);"
                + "const region = m.closest('[aria-live]');"
                + "const live = region ? region.getAttribute('aria-live') : '';"
                + "return live === 'polite' || live === 'assertive' ? live : '';", text);
    }
}
