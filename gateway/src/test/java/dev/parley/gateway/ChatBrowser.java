package dev.parley.gateway;

import dev.parley.layer.testing.MissingService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Real headless Chromium for the browser tests, one browser per person: Debian's chromium and chromium-driver, or
 * the programs named by {@code CHAT_TEST_CHROMIUM} and {@code CHAT_TEST_CHROMEDRIVER} (other distributions).
 */
final class ChatBrowser {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** Overrides the path of the Chromium binary (default {@code /usr/bin/chromium}). */
    static final String CHROMIUM_ENV = "CHAT_TEST_CHROMIUM";
    /** Overrides the path of chromedriver (default {@code /usr/bin/chromedriver}). */
    static final String CHROMEDRIVER_ENV = "CHAT_TEST_CHROMEDRIVER";

    static final Path CHROMIUM = pathOf(CHROMIUM_ENV, "/usr/bin/chromium");
    private static final Path CHROMEDRIVER = pathOf(CHROMEDRIVER_ENV, "/usr/bin/chromedriver");
    /** Selenium warns on every start that it has no CDP bindings for this Chromium; the tests use none. */
    private static final Logger CDP_VERSION_WARNINGS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private ChatBrowser() {
    }

    /**
     * Where Chromium or chromedriver is missing, stops the calling test by the {@link MissingService} rule: skipped
     * (from a {@code @BeforeAll}: each test of the class skipped), or failed under {@code
     * CHAT_TEST_REQUIRE_SERVICES=true}.
     */
    static void assumeInstalled() {
        MissingService.require(Files.isExecutable(CHROMIUM), "Chromium", "headless Chromium not found at " + CHROMIUM
                + "; install it with: apt-get install chromium chromium-driver, or set " + CHROMIUM_ENV + " to it");
        MissingService.require(Files.isExecutable(CHROMEDRIVER), "chromedriver", "chromedriver not found at "
                + CHROMEDRIVER + "; install it with: apt-get install chromium-driver, or set " + CHROMEDRIVER_ENV
                + " to it");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
    }

    private static Path pathOf(String env, String debianDefault) {
        String configured = System.getenv().getOrDefault(env, "").trim();
        return Path.of(configured.isEmpty() ? debianDefault : configured);
    }

    /** A message as both sides should see it. */
    record Shown(String user, String text) {
    }

    /** A message element as the page shows it. */
    record Message(String user, String text, String time, String dateTime, String state, boolean own) {
    }

    /** The people list as the page shows it: names in page order, the one marked as ourselves, the count line. */
    record People(List<String> users, String me, String count) {
    }

}
