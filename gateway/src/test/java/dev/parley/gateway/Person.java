package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ChatBrowser.Message;
import dev.parley.gateway.ChatBrowser.People;
import dev.parley.gateway.ChatBrowser.Shown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;


/** One person in their own browser, with their own profile (and so their own stored name), on one gateway. */
final class Person {

    /** Where {@link #screenshot} puts its pictures, for people to look at after a run. */
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The page script of {@link #spyOnSockets}: see the comment at its top. */
    private static final String SOCKET_SPY = TestResources.text("/socket-spy.js");
    /**
     * Console lines that are no script error but what the tests provoke and the page handles: failed WebSocket
     * attempts while a gateway is down or refuses guests, the page asking the account API who it is while the
     * gateway is down, and the account API's refusals (a wrong password, a name taken), which the page shows; and
     * the browser's own request for /favicon.ico on a page that names no icon (the tutorial page of TutorialPage).
     */
    private static final Pattern EXPECTED_CONSOLE_LINE = Pattern.compile("WebSocket connection to"
            + "|/favicon\\.ico - Failed to load resource: the server responded with a status of 404"
            + "|/api/me - Failed to load resource: net::"
            + "|/api/sign(in|up) - Failed to load resource: the server responded with a status of 4\\d\\d");

    final String name;
    final WebDriver driver;
    final String baseUrl;
    private final Path profile;
    private boolean closed;

    /** baseUrl: the gateway this person's browser talks to, e.g. {@code http://127.0.0.1:8080}. */
    Person(String name, String baseUrl) {
        this.name = name;
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("parley-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChatBrowser.CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,"
                        + "PrivateNetworkAccessSendPreflights",
                "--window-size=1200,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        this.driver = new ChromeDriver(options);
    }

    /** Wraps the WebSocket of every page opened from now on (socket-spy.js); call before joining. */
    void spyOnSockets() {
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SOCKET_SPY));
    }

    /** Every WebSocket address the page asked for, first to last. */
    @SuppressWarnings("unchecked")
    List<String> socketUrls() {
        return (List<String>) script("return window.socketSpy.urls;");
    }

    /** Closes the page's connection, as a network drop would; the next connection hears everything again. */
    void dropConnection() {
        script("const spy = window.socketSpy; spy.sockets.at(-1).close(); spy.muted = false;");
    }

    /** Keeps the page from reconnecting (each attempt fails) until {@link #releaseReconnects}. */
    void holdReconnects() {
        script("window.socketSpy.held = true;");
    }

    /** Lets the page reconnect again, and asks it to at once. */
    void releaseReconnects() {
        script("window.socketSpy.held = false;");
        waitUntil(p -> {
            if (!p.connectionState().equals("open") && p.banner().isDisplayed()) {
                p.script("document.querySelector('#banner button').click();");
            }
            return p.connectionState().equals("open");
        });
    }

    /** While muted, the page hears nothing the server sends, as if every answer were lost on the way. */
    void muteIncoming(boolean muted) {
        script("window.socketSpy.muted = arguments[0];", muted);
    }

    /** How many frames the page did not hear while muted. */
    long droppedFrames() {
        return ((Number) script("return window.socketSpy.dropped;")).longValue();
    }

    /** Every frame the page sent, first to last, as JSON text. */
    @SuppressWarnings("unchecked")
    List<String> sentFrames() {
        return (List<String>) script("return window.socketSpy.sent;");
    }

    /** Hands the page a frame as if the server had sent it on the current connection. */
    void receiveFrame(String json) {
        script("window.socketSpy.sockets.at(-1).dispatchEvent(new MessageEvent('message', {data: arguments[0]}));",
                json);
    }

    /** Opens the start page, enters name and room, joins, and waits until the room page is connected. */
    void joinFromStartPage(String room) {
        enterRoomFromStartPage(room);
        assertThat(me()).isEqualTo(name);
    }

    /**
     * Like {@link #joinFromStartPage}, but the name is left to the page and the server: typed only where the page
     * asks for a guest's name, and not checked in the room.
     */
    void enterRoomFromStartPage(String room) {
        startPage().open();
        WebElement nameField = driver.findElement(By.id("name"));
        if (nameField.isDisplayed()) {
            nameField.clear();
            nameField.sendKeys(name);
        }
        WebElement roomField = driver.findElement(By.id("room"));
        roomField.clear();
        roomField.sendKeys(room);
        driver.findElement(By.id("join")).click();
        waitUntil(p -> p.driver.getCurrentUrl().equals(baseUrl + "/chat/" + room + "/"));
        waitUntil(p -> p.connectionState().equals("open"));
        assertThat(driver.findElement(By.id("room-name")).getText()).isEqualTo(room);
    }

    /** Opens a room page by its address, as a bookmark would. */
    void openRoomPage(String room) {
        driver.get(baseUrl + "/chat/" + room + "/");
    }

    /** The start page's account section and state, in this person's browser. */
    StartPage startPage() {
        return new StartPage(this);
    }

    /** Signs this browser out behind the open page's back, as another tab of the same browser would. */
    void signOutInAnotherTab() {
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/signout', {method: 'POST', headers: {'content-type': 'application/json'},"
                        + " body: '{}'}).then(r => done(r.status), e => done(String(e)));");
        assertThat(status).as("sign-out answer").isEqualTo(204L);
    }

    /** The cookies the page's scripts can read: never the HttpOnly session cookie. */
    String cookieVisibleToScripts() {
        return (String) script("return document.cookie;");
    }

    /** The name the room page shows as ours. */
    String me() {
        return driver.findElement(By.id("me")).getText();
    }

    /** The page's own lines to us, such as the server choosing another name, in page order. */
    @SuppressWarnings("unchecked")
    List<String> noticeLines() {
        return (List<String>) script(
                "return [...document.querySelectorAll('#messages .notice')].map(l => l.textContent);");
    }

    WebElement composer() {
        return driver.findElement(By.id("composer"));
    }

    WebElement banner() {
        return driver.findElement(By.id("banner"));
    }

    void typeAndPressEnter(String text) {
        composer().sendKeys(text, Keys.ENTER);
    }

    void typeAndClickSend(String text) {
        composer().sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    /** The room page's connection state; "" on a page without one, such as the start page. */
    String connectionState() {
        return driver.findElements(By.id("status")).stream().findFirst()
                .map(status -> status.getDomAttribute("data-state")).orElse("");
    }

    String typingLine() {
        return driver.findElement(By.id("typing")).getDomProperty("textContent");
    }

    /** Every message element, read in one script so the list cannot change halfway through. */
    @SuppressWarnings("unchecked")
    List<Message> messages() {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) script(
                "return [...document.querySelectorAll('#messages .message')].map(m => ({"
                        + "user: m.querySelector('.user').textContent,"
                        + "text: m.querySelector('.text').textContent,"
                        + "time: m.querySelector('.time').textContent,"
                        + "dateTime: m.querySelector('.time').getAttribute('datetime') || '',"
                        + "state: m.dataset.state,"
                        + "own: m.classList.contains('own')}));");
        return rows.stream().map(row -> new Message((String) row.get("user"), (String) row.get("text"),
                (String) row.get("time"), (String) row.get("dateTime"), (String) row.get("state"),
                (Boolean) row.get("own"))).toList();
    }

    List<Shown> shown() {
        return messages().stream().map(m -> new Shown(m.user(), m.text())).toList();
    }

    /** The seq of every message the server confirmed, in page order; 0 where the page has none. */
    @SuppressWarnings("unchecked")
    List<Long> seqs() {
        return ((List<Object>) script("return [...document.querySelectorAll('#messages .message')]"
                + ".map(m => Number(m.dataset.seq || 0));"))
                .stream().map(n -> ((Number) n).longValue()).toList();
    }

    /** Scrolls the message list to its very top, as a reader looking for older messages does. */
    void scrollMessagesToTop() {
        script("document.getElementById('timeline-scroller').scrollTop = 0;");
    }

    /** Whether the message list shows its last line, as it does while one follows the conversation. */
    boolean scrolledToBottom() {
        return (Boolean) script("const s = document.getElementById('timeline-scroller');"
                + "return s.scrollHeight - s.scrollTop - s.clientHeight < 2;");
    }

    /** Whether the message list is taller than its window, so that it scrolls at all. */
    boolean messagesOverflow() {
        return (Boolean) script("const s = document.getElementById('timeline-scroller');"
                + "return s.scrollHeight > s.clientHeight;");
    }

    /** Where the message with this text is, in pixels from the top of the visible part of the list. */
    double offsetInView(String text) {
        return ((Number) script("const s = document.getElementById('timeline-scroller');"
                + "const m = [...document.querySelectorAll('#messages .message')]"
                + ".find(m => m.querySelector('.text').textContent === arguments[0]);"
                + "return m.getBoundingClientRect().top - s.getBoundingClientRect().top;", text)).doubleValue();
    }

    WebElement loadOlderButton() {
        return driver.findElement(By.id("load-older"));
    }

    /** Every key the page keeps in localStorage. */
    @SuppressWarnings("unchecked")
    List<String> storedKeys() {
        return (List<String>) script("return Object.keys(localStorage);");
    }

    /** Resizes the browser window, e.g. to a phone's width. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the page shows as target/screenshots/{name}.png and returns the file. */
    Path screenshot(String fileName) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(fileName + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a screenshot", e);
        }
    }

    /** The quiet lines about the room, such as "carol joined", in page order. */
    @SuppressWarnings("unchecked")
    List<String> systemLines() {
        return (List<String>) script(
                "return [...document.querySelectorAll('#messages .system')].map(l => l.textContent);");
    }

    /** The people list, read in one script; no users and an empty count while the page shows no list. */
    @SuppressWarnings("unchecked")
    People people() {
        Map<String, Object> list = (Map<String, Object>) script(
                "const people = [...document.querySelectorAll('#people .person')];"
                        + "const me = people.filter(p => p.classList.contains('me')).map(p => p.dataset.user);"
                        + "return {users: people.map(p => p.dataset.user), me: me.join(','),"
                        + "count: document.getElementById('people-count').textContent};");
        return new People((List<String>) list.get("users"), (String) list.get("me"), (String) list.get("count"));
    }

    /** Waits until the people list holds exactly these users, in any order. */
    void waitForPeople(String... users) {
        List<String> expected = Stream.of(users).sorted().toList();
        waitUntil(p -> p.people().users().stream().sorted().toList().equals(expected));
    }

    void waitForMessage(String user, String text) {
        waitUntil(p -> p.shown().contains(new Shown(user, text)));
    }

    void waitUntil(Predicate<Person> condition) {
        waitUntil(ChatBrowser.WAIT, condition);
    }

    void waitUntil(Duration timeout, Predicate<Person> condition) {
        new WebDriverWait(driver, timeout)
                .withMessage(this::describePage)
                .until(d -> condition.test(this));
    }

    /** What the page shows, for the message of a wait that timed out. */
    private String describePage() {
        if (!driver.findElements(By.id("start")).isEmpty()) {
            return name + "'s " + startPage();
        }
        if (driver.findElements(By.id("status")).isEmpty()) {
            return name + "'s page " + driver.getCurrentUrl();
        }
        return name + "'s page: status " + connectionState() + ", typing '" + typingLine() + "', messages "
                + messages() + ", system lines " + systemLines() + ", notices " + noticeLines() + ", " + people();
    }

    /** Fails on script errors in the page; lets the lines of {@link #EXPECTED_CONSOLE_LINE} pass. */
    void assertNoScriptErrors() {
        if (closed) {
            return;
        }
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !EXPECTED_CONSOLE_LINE.matcher(message).find())
                .toList();
        assertThat(errors).as("%s's browser console errors", name).isEmpty();
    }

    /** Closes the browser, as a person closing their laptop would; closing twice does nothing. */
    void leave() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile does no harm.
        }
    }
}
