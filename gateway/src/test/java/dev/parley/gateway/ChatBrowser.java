package dev.parley.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Real headless Chromium for the browser tests: Debian's chromium and chromium-driver, one browser per person. */
final class ChatBrowser {

    static final Duration WAIT = Duration.ofSeconds(10);

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Selenium warns on every start that it has no CDP bindings for this Chromium; the tests use none. */
    private static final Logger CDP_VERSION_WARNINGS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private ChatBrowser() {
    }

    /** Skips the calling test class where Chromium or its driver is missing. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: headless Chromium not found; install it with: apt-get install chromium chromium-driver");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
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
