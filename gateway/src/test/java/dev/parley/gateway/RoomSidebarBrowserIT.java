package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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
import org.openqa.selenium.interactions.Actions;

/**
 * The room sidebar, in real headless Chromium against an in-process gateway: several rooms open side by side,
 * switched without a page load; unread and mention counts rise in the room not shown (and in the tab title while
 * the tab is hidden) and clear on entering it; joined rooms are remembered; on a phone the sidebar is a drawer.
 * Skipped where Debian's chromium and chromium-driver are missing.
 */
class RoomSidebarBrowserIT {

    @TempDir
    Path dataDir;

    private static final String PASSWORD = "correct horse battery";

    private final BrowserGateway browsers = new BrowserGateway();

    @BeforeAll
    static void chromiumIsInstalled() {
        ChatBrowser.assumeInstalled();
    }

    @BeforeEach
    void startGateway() throws Exception {
        // No flood control: a test fills a room with enough messages to scroll, faster than a person types.
        browsers.start(GatewayConfig.defaults().withDataDir(dataDir).withLimits(Limits.defaults().withoutRateLimits()));
    }

    @AfterEach
    void stopEverything() throws Exception {
        browsers.close();
    }

    @Test
    void unreadCountsRiseInTheRoomNotShownAndClearOnEnteringIt() {
        String lobby = BrowserGateway.uniqueRoom("lobby");
        String side = BrowserGateway.uniqueRoom("side");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(lobby);
        bob.joinFromStartPage(lobby);
        bob.typeAndPressEnter("before you left");
        alice.waitForMessage("bob", "before you left");

        joinFromSidebar(alice, side);
        assertThat(alice.shown()).as("the new room's messages").isEmpty();
        assertThat(joinedRooms(alice)).containsExactly(lobby, side);

        bob.typeAndPressEnter("anyone here?");
        bob.typeAndPressEnter("@alice have a look");
        alice.waitUntil(p -> counts(p, lobby).equals(new Counts(2, 1)));
        assertThat(counts(alice, side)).as("the room on show").isEqualTo(new Counts(0, 0));
        assertThat(alice.driver.getTitle()).as("the title of a tab on show").isEqualTo("#" + side + " · Parley");

        entry(alice, lobby).findElement(By.cssSelector(".room-link")).click();
        alice.waitUntil(p -> p.driver.getCurrentUrl().equals(p.baseUrl + "/chat/" + lobby + "/"));
        assertThat(counts(alice, lobby)).as("counts after entering the room").isEqualTo(new Counts(0, 0));
        alice.waitForMessage("bob", "@alice have a look");
        assertThat(alice.shown()).as("the lobby kept its history").contains(
                new ChatBrowser.Shown("bob", "before you left"), new ChatBrowser.Shown("bob", "anyone here?"));
        assertThat(alice.driver.findElement(By.id("room-name")).getText()).isEqualTo(lobby);

        alice.driver.navigate().back();
        alice.waitUntil(p -> p.driver.findElement(By.id("room-name")).getText().equals(side));
        assertThat(alice.shown()).as("Back shows the other room again").isEmpty();
    }

    @Test
    void eachRoomKeepsItsScrollPosition() {
        String lobby = BrowserGateway.uniqueRoom("lobby");
        String side = BrowserGateway.uniqueRoom("side");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.resize(1200, 600);
        bob.joinFromStartPage(lobby);
        for (int i = 1; i <= 30; i++) {
            bob.typeAndPressEnter("line " + i);
        }
        alice.joinFromStartPage(lobby);
        alice.waitForMessage("bob", "line 30");
        assertThat(alice.messagesOverflow()).as("the lobby scrolls").isTrue();
        alice.script("document.getElementById('timeline-scroller').scrollTop = 120;");
        joinFromSidebar(alice, side);
        assertThat(alice.scrolledToBottom()).as("the new room, at its bottom").isTrue();

        entry(alice, lobby).findElement(By.cssSelector(".room-link")).click();
        alice.waitUntil(p -> p.driver.findElement(By.id("room-name")).getText().equals(lobby));
        assertThat(((Number) alice.script("return document.getElementById('timeline-scroller').scrollTop;"))
                .doubleValue()).as("where the lobby was scrolled to").isCloseTo(120, offset(2.0));

        alice.script("const s = document.getElementById('timeline-scroller'); s.scrollTop = s.scrollHeight;");
        entry(alice, side).findElement(By.cssSelector(".room-link")).click();
        alice.waitUntil(p -> p.driver.findElement(By.id("room-name")).getText().equals(side));
        bob.typeAndPressEnter("while you were away");
        alice.waitUntil(p -> counts(p, lobby).unread() == 1);
        entry(alice, lobby).findElement(By.cssSelector(".room-link")).click();
        alice.waitUntil(p -> p.driver.findElement(By.id("room-name")).getText().equals(lobby));
        alice.waitUntil(p -> p.scrolledToBottom());
        assertThat(alice.shown()).last().isEqualTo(new ChatBrowser.Shown("bob", "while you were away"));
    }

    @Test
    void aHiddenTabCountsTheRoomOnShowInItsTitle() {
        String room = BrowserGateway.uniqueRoom("hidden");
        Person alice = browsers.newPerson("alice");
        Person bob = browsers.newPerson("bob");
        alice.joinFromStartPage(room);
        bob.joinFromStartPage(room);

        setTabHidden(alice, true);
        bob.typeAndPressEnter("one");
        bob.typeAndPressEnter("two");
        alice.waitUntil(p -> p.driver.getTitle().equals("(2) #" + room + " · Parley"));
        assertThat(counts(alice, room)).isEqualTo(new Counts(2, 0));

        setTabHidden(alice, false);
        alice.waitUntil(p -> p.driver.getTitle().equals("#" + room + " · Parley"));
        assertThat(counts(alice, room)).isEqualTo(new Counts(0, 0));
    }

    @Test
    void aGuestsJoinedRoomsSurviveAReloadAndLeavingForgetsOne() {
        String first = BrowserGateway.uniqueRoom("first");
        String second = BrowserGateway.uniqueRoom("second");
        Person alice = browsers.newPerson("alice");
        alice.joinFromStartPage(first);
        joinFromSidebar(alice, second);

        alice.driver.navigate().refresh();
        alice.waitUntil(p -> p.connectionState().equals("open") && joinedRooms(p).size() == 2);
        assertThat(joinedRooms(alice)).containsExactlyInAnyOrder(first, second);

        entry(alice, first).findElement(By.cssSelector(".leave-room")).click();
        alice.waitUntil(p -> joinedRooms(p).equals(List.of(second)));
        alice.driver.navigate().refresh();
        alice.waitUntil(p -> p.connectionState().equals("open"));
        assertThat(joinedRooms(alice)).containsExactly(second);
    }

    @Test
    void aBadRoomNameIsRefusedWithTheRule() {
        String room = BrowserGateway.uniqueRoom("rule");
        Person alice = browsers.newPerson("alice");
        alice.joinFromStartPage(room);
        WebElement field = alice.driver.findElement(By.id("join-room-name"));
        field.sendKeys("no spaces allowed", Keys.ENTER);
        WebElement error = alice.driver.findElement(By.id("join-room-error"));
        alice.waitUntil(p -> error.isDisplayed());
        assertThat(error.getText()).isEqualTo("Use only letters A–Z, digits, “-” and “_”.");
        assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(joinedRooms(alice)).containsExactly(room);
    }

    @Test
    void theKeyboardReachesEverySidebarControlAndShowsWhereItIs() {
        String first = BrowserGateway.uniqueRoom("first");
        String second = BrowserGateway.uniqueRoom("second");
        Person alice = browsers.newPerson("alice");
        alice.joinFromStartPage(first);
        joinFromSidebar(alice, second);
        alice.driver.findElement(By.id("theme-toggle")).click(); // dark: the focus must show there too
        alice.driver.findElement(By.id("theme-toggle")).click();
        assertThat(alice.script("return document.documentElement.dataset.theme;")).isEqualTo("dark");

        alice.script("document.getElementById('join-room-name').focus();");
        activeElement(alice).sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(activeElement(alice).getDomAttribute("aria-label")).isEqualTo("Leave #" + second);
        assertThat(focusOutline(alice)).as("the leave button's focus ring").isNotEqualTo("none");
        activeElement(alice).sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(activeElement(alice).getDomAttribute("href")).isEqualTo("/chat/" + second + "/");
        assertThat(focusOutline(alice)).as("the room link's focus ring").isNotEqualTo("none");
        activeElement(alice).sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB), Keys.chord(Keys.SHIFT, Keys.TAB));
        assertThat(activeElement(alice).getDomAttribute("href")).isEqualTo("/chat/" + first + "/");
        activeElement(alice).sendKeys(Keys.ENTER);
        alice.waitUntil(p -> p.driver.findElement(By.id("room-name")).getText().equals(first));
        assertThat(focusIsIn(alice, "composer")).as("Enter on a room moves the focus to its composer").isTrue();
    }

    /** The outline style of the focused element, "none" where it has none. */
    static String focusOutline(Person person) {
        return (String) person.script("return getComputedStyle(document.activeElement).outlineStyle;");
    }

    @Test
    void onAPhoneTheSidebarIsADrawerThatTheKeyboardCloses() {
        String lobby = BrowserGateway.uniqueRoom("lobby");
        String side = BrowserGateway.uniqueRoom("side");
        Person alice = browsers.newPerson("alice");
        alice.resize(390, 844);
        alice.joinFromStartPage(lobby);
        WebElement sidebar = alice.driver.findElement(By.id("sidebar"));
        WebElement button = alice.driver.findElement(By.id("drawer-open"));
        assertThat(sidebar.isDisplayed()).as("the closed drawer").isFalse();

        button.click();
        alice.waitUntil(p -> sidebar.isDisplayed());
        assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(focusIsIn(alice, "sidebar")).as("the focus moved into the drawer").isTrue();
        activeElement(alice).sendKeys(Keys.ESCAPE);
        alice.waitUntil(p -> !sidebar.isDisplayed());
        assertThat(activeElement(alice).getDomAttribute("id")).as("the focus went back").isEqualTo("drawer-open");

        button.click();
        alice.waitUntil(p -> sidebar.isDisplayed());
        new Actions(alice.driver).moveToLocation(370, 400).click().perform(); // the backdrop, beside the drawer
        alice.waitUntil(p -> !sidebar.isDisplayed());

        button.click();
        alice.waitUntil(p -> sidebar.isDisplayed());
        WebElement field = alice.driver.findElement(By.id("join-room-name"));
        field.sendKeys(side, Keys.ENTER);
        alice.waitUntil(p -> !sidebar.isDisplayed()
                && p.driver.getCurrentUrl().equals(p.baseUrl + "/chat/" + side + "/"));
        assertThat(focusIsIn(alice, "composer")).as("the focus is in the chosen room's composer").isTrue();
    }

    @Test
    void aSignedInUsersRoomsFollowThemToAnotherBrowser() {
        String first = BrowserGateway.uniqueRoom("first");
        String second = BrowserGateway.uniqueRoom("second");
        String third = BrowserGateway.uniqueRoom("third");
        Person ada = browsers.newPerson("Ada");
        ada.startPage().signUp(PASSWORD);
        ada.joinFromStartPage(first);
        joinFromSidebar(ada, second);
        ada.waitUntil(p -> serverRooms(p).equals(List.of(first, second)));

        Person laptop = browsers.newPerson("Ada");
        laptop.startPage().signIn(PASSWORD);
        laptop.joinFromStartPage(third);
        laptop.waitUntil(p -> joinedRooms(p).size() == 3);
        assertThat(joinedRooms(laptop)).as("the other browser's rooms, and this one's")
                .containsExactlyInAnyOrder(first, second, third);
        assertThat(laptop.storedKeys()).as("a signed-in user's rooms are kept by the server").doesNotContain("parley.rooms");
    }

    @Test
    void theActiveRoomsSayHowManyPeopleAreInEach() {
        String busy = BrowserGateway.uniqueRoom("busy");
        String mine = BrowserGateway.uniqueRoom("mine");
        Person bob = browsers.newPerson("bob");
        Person carol = browsers.newPerson("carol");
        bob.joinFromStartPage(busy);
        carol.joinFromStartPage(busy);
        bob.typeAndPressEnter("busy here");
        carol.waitForMessage("bob", "busy here");

        Person alice = browsers.newPerson("alice");
        alice.joinFromStartPage(mine);
        alice.waitUntil(p -> !p.driver.findElements(
                By.cssSelector("#active-rooms .room-entry[data-room='" + busy + "'] .member-count")).isEmpty());
        WebElement count = alice.driver.findElement(
                By.cssSelector("#active-rooms .room-entry[data-room='" + busy + "'] .member-count"));
        assertThat(count.findElement(By.cssSelector("[aria-hidden='true']")).getDomProperty("textContent"))
                .as("the figure seen").isEqualTo("2");
        assertThat(count.findElement(By.cssSelector(".visually-hidden")).getDomProperty("textContent"))
                .as("what a screen reader says").isEqualTo(", 2 people here");

        alice.driver.findElement(By.cssSelector("#active-rooms .room-entry[data-room='" + busy + "'] a")).click();
        alice.waitUntil(p -> p.driver.getCurrentUrl().equals(p.baseUrl + "/chat/" + busy + "/"));
        alice.waitForMessage("bob", "busy here");
        assertThat(joinedRooms(alice)).containsExactly(mine, busy);
    }

    /** What the server keeps as the signed-in page's joined rooms. */
    @SuppressWarnings("unchecked")
    static List<String> serverRooms(Person person) {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) person.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/me/rooms').then(r => r.json()).then(b => done(b.rooms), e => done([String(e)]));");
    }

    /** Types a room into the sidebar's field and waits until the page shows it, connected. */
    static void joinFromSidebar(Person person, String room) {
        WebElement field = person.driver.findElement(By.id("join-room-name"));
        field.sendKeys(room, Keys.ENTER);
        person.waitUntil(p -> p.driver.getCurrentUrl().equals(p.baseUrl + "/chat/" + room + "/")
                && p.driver.findElement(By.id("room-name")).getText().equals(room)
                && p.connectionState().equals("open"));
    }

    /** The rooms the sidebar lists as joined, in its order. */
    @SuppressWarnings("unchecked")
    static List<String> joinedRooms(Person person) {
        return (List<String>) person.script(
                "return [...document.querySelectorAll('#joined-rooms .room-entry')].map(e => e.dataset.room);");
    }

    /** Unread messages and mentions the sidebar shows for a room. */
    record Counts(long unread, long mentions) {
    }

    @SuppressWarnings("unchecked")
    static Counts counts(Person person, String room) {
        Map<String, Object> counts = (Map<String, Object>) person.script(
                "const e = [...document.querySelectorAll('#joined-rooms .room-entry')]"
                        + ".find(e => e.dataset.room === arguments[0]);"
                        + "return {unread: Number(e.dataset.unread), mentions: Number(e.dataset.mentions),"
                        + " shownUnread: e.querySelector('.unread-count')?.firstChild.textContent ?? '0',"
                        + " shownMentions: e.querySelector('.mention-count')?.firstChild.textContent ?? '@0'};",
                room);
        Counts fromData = new Counts(((Number) counts.get("unread")).longValue(),
                ((Number) counts.get("mentions")).longValue());
        assertThat(counts.get("shownUnread")).as("the unread badge").isEqualTo(String.valueOf(fromData.unread()));
        assertThat(counts.get("shownMentions")).as("the mention badge").isEqualTo("@" + fromData.mentions());
        return fromData;
    }

    static WebElement entry(Person person, String room) {
        return person.driver.findElement(By.cssSelector("#joined-rooms .room-entry[data-room='" + room + "']"));
    }

    /** Makes the page believe its tab is hidden (or shown again), as switching tabs would. */
    static void setTabHidden(Person person, boolean hidden) {
        person.script("Object.defineProperty(document, 'hidden', {configurable: true, get: () => arguments[0]});"
                + "Object.defineProperty(document, 'visibilityState', {configurable: true,"
                + " get: () => arguments[0] ? 'hidden' : 'visible'});"
                + "document.dispatchEvent(new Event('visibilitychange'));", hidden);
    }

    static WebElement activeElement(Person person) {
        return person.driver.switchTo().activeElement();
    }

    static boolean focusIsIn(Person person, String id) {
        return (Boolean) person.script("return document.getElementById(arguments[0]).contains(document.activeElement);",
                id);
    }
}
