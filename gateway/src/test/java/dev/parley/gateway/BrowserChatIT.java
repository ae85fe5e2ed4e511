package dev.parley.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in real headless Chromium against an in-process gateway: two people chat, message text is never read
 * as HTML, and a page rides out a gateway restart. Skipped where Debian's chromium and chromium-driver are missing.
 */
class BrowserChatIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for a few backoff steps (0.5 s doubling, at most 15 s) after the gateway comes back. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);

    /** Selenium warns on every start that it has no CDP bindings for this Chromium; the tests use none. */
    private static final Logger CDP_VERSION_WARNINGS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final List<Person> people = new ArrayList<>();
    private Vertx vertx;
    private Gateway gateway;
    private String baseUrl;

    @BeforeAll
    static void chromiumIsInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: headless Chromium not found; install it with: apt-get install chromium chromium-driver");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
    }

    @BeforeEach
    void startGateway() throws Exception {
        vertx = Vertx.vertx();
        gateway = startGateway(0);
        baseUrl = "http://127.0.0.1:" + gateway.port();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            people.forEach(Person::assertNoScriptErrors);
        } finally {
            people.forEach(Person::leave);
            if (gateway != null) {
                gateway.stop().toCompletionStage().toCompletableFuture().get(10, SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
        }
    }

    @Test
    void twoPeopleChatInOneRoom() {
        String room = uniqueRoom("two-people");
        Instant before = Instant.now();
        Person alice = newPerson("alice");
        Person bob = newPerson("bob");
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
        String room = uniqueRoom("never-html");
        String markup = "<img src=x onerror=alert(1)>";
        Person alice = newPerson("alice");
        Person bob = newPerson("bob");
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
        String room = uniqueRoom("typing");
        Person alice = newPerson("alice");
        Person bob = newPerson("bob");
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
    void roomPageAsksForANameWhenNoneIsStored() {
        String room = uniqueRoom("name-prompt");
        Person carol = newPerson("carol");
        carol.driver.get(baseUrl + "/chat/" + room + "/");
        WebElement prompt = carol.driver.findElement(By.id("name-prompt"));
        carol.waitUntil(p -> prompt.isDisplayed());
        assertThat(carol.composer().isDisplayed()).as("composer before a name is chosen").isFalse();

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
        assertThat(carol.driver.getCurrentUrl()).as("still in the room").isEqualTo(baseUrl + "/chat/" + room + "/");
        assertThat(carol.driver.findElement(By.id("me")).getText()).isEqualTo(carol.name);

        carol.typeAndPressEnter("first!");
        carol.waitUntil(p -> p.shown().equals(List.of(new Shown("carol", "first!"))));

        carol.driver.get(baseUrl + "/");
        assertThat(carol.driver.findElement(By.id("name")).getDomProperty("value")).as("remembered name")
                .isEqualTo(carol.name);
    }

    @Test
    void pageReconnectsWhenTheGatewayComesBack() throws Exception {
        String room = uniqueRoom("reconnect");
        Person alice = newPerson("alice");
        alice.joinFromStartPage(room);
        assertThat(alice.connectionState()).isEqualTo("open");
        assertThat(alice.banner().isDisplayed()).as("banner while connected").isFalse();

        int port = gateway.port();
        gateway.stop().toCompletionStage().toCompletableFuture().get(10, SECONDS);
        gateway = null;
        alice.waitUntil(p -> List.of("reconnecting", "offline").contains(p.connectionState()));
        assertThat(alice.banner().isDisplayed()).as("banner while disconnected").isTrue();

        alice.typeAndPressEnter("written while the gateway was down");
        alice.waitUntil(p -> p.messages().size() == 1);
        assertThat(alice.messages().get(0).state()).as("a message that could not go out yet").isEqualTo("pending");
        assertThat(alice.composer().isEnabled()).as("the composer while disconnected").isTrue();

        gateway = startGateway(port);
        alice.waitUntil(RECONNECT_WAIT, p -> p.connectionState().equals("open"));
        assertThat(alice.banner().isDisplayed()).as("banner after reconnecting").isFalse();
        alice.waitUntil(p -> p.messages().size() == 1 && p.messages().get(0).state().equals("sent"));

        alice.typeAndPressEnter("and this one after it came back");
        alice.waitUntil(p -> p.shown().equals(List.of(
                new Shown("alice", "written while the gateway was down"),
                new Shown("alice", "and this one after it came back")))
                && p.messages().get(1).state().equals("sent"));
    }

    /**
     * Starts a gateway; on a fixed port a few attempts are allowed, since the port was freed a moment ago and the
     * kernel may be slow to let it go.
     */
    private Gateway startGateway(int port) throws Exception {
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(port);
        int attempt = 1;
        while (true) {
            try {
                return Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, SECONDS);
            } catch (ExecutionException e) {
                if (port == 0 || attempt == 5) {
                    throw e;
                }
                attempt++;
                vertx.timer(200 * attempt).toCompletionStage().toCompletableFuture().get(10, SECONDS);
            }
        }
    }

    private Person newPerson(String name) {
        Person person = new Person(name);
        people.add(person);
        return person;
    }

    private static String uniqueRoom(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A message as both sides should see it. */
    record Shown(String user, String text) {
    }

    /** A message element as the page shows it. */
    record Message(String user, String text, String time, String dateTime, String state, boolean own) {
    }

    /** One person in their own browser, with their own profile (and so their own stored name). */
    private final class Person {

        final String name;
        final WebDriver driver;
        private final Path profile;

        Person(String name) {
            this.name = name;
            try {
                this.profile = Files.createTempDirectory("parley-chromium-");
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a Chromium profile directory", e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
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

        /** Opens the start page, enters name and room, joins, and waits until the room page is connected. */
        void joinFromStartPage(String room) {
            driver.get(baseUrl + "/");
            WebElement nameField = driver.findElement(By.id("name"));
            nameField.clear();
            nameField.sendKeys(name);
            driver.findElement(By.id("room")).sendKeys(room);
            driver.findElement(By.id("join")).click();
            waitUntil(p -> p.driver.getCurrentUrl().equals(baseUrl + "/chat/" + room + "/"));
            waitUntil(p -> p.connectionState().equals("open"));
            assertThat(driver.findElement(By.id("room-name")).getText()).isEqualTo(room);
            assertThat(driver.findElement(By.id("me")).getText()).isEqualTo(name);
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

        String connectionState() {
            return driver.findElement(By.id("status")).getDomAttribute("data-state");
        }

        String typingLine() {
            return driver.findElement(By.id("typing")).getDomProperty("textContent");
        }

        /** Every message element, read in one script so the list cannot change halfway through. */
        @SuppressWarnings("unchecked")
        List<Message> messages() {
            List<Map<String, Object>> rows = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript(
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

        void waitForMessage(String user, String text) {
            waitUntil(p -> p.shown().contains(new Shown(user, text)));
        }

        void waitUntil(Predicate<Person> condition) {
            waitUntil(WAIT, condition);
        }

        void waitUntil(Duration timeout, Predicate<Person> condition) {
            new WebDriverWait(driver, timeout)
                    .withMessage(() -> name + "'s page: status " + connectionState() + ", typing '" + typingLine()
                            + "', messages " + messages())
                    .until(d -> condition.test(this));
        }

        /** Fails on script errors in the page; failed WebSocket attempts while a gateway is down are expected. */
        void assertNoScriptErrors() {
            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(LogEntry::getMessage)
                    .filter(message -> !message.contains("WebSocket connection to"))
                    .toList();
            assertThat(errors).as("%s's browser console errors", name).isEmpty();
        }

        void leave() {
            try {
                driver.quit();
            } finally {
                deleteQuietly(profile);
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile does no harm.
        }
    }
}
