package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;

/**
 * The README's pictures of the room page (docs/screenshots/), made in real headless Chromium against an in-process
 * gateway: the desktop layout with its sidebar, and the phone layout with the drawer closed and open. Each picture
 * is taken only once the layout is checked: the sidebar beside the room on a desktop, a drawer on a phone.
 */
class LayoutScreenshotsIT {

    /** Where the README finds the pictures: docs/screenshots of the repository, above this module. */
    private static final Path PICTURES = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("screenshots");

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
    void desktopAndPhoneLayouts() throws IOException {
        assertThat(PICTURES.getParent().getParent().resolve("README.md")).as("the repository's README").exists();
        Person bob = browsers.newPerson("bob");
        Person carol = browsers.newPerson("carol");
        Person dave = browsers.newPerson("dave");
        Person alice = browsers.newPerson("alice");
        alice.resize(1280, 800);
        bob.joinFromStartPage("lobby");
        carol.joinFromStartPage("lobby");
        dave.joinFromStartPage("random");
        dave.typeAndPressEnter("Anyone up for lunch?");
        dave.joinFromStartPage("design");
        alice.joinFromStartPage("design");
        RoomSidebarBrowserIT.joinFromSidebar(alice, "lobby");

        bob.typeAndPressEnter("Morning! The release notes are up: https://example.com/notes");
        carol.typeAndPressEnter("@alice could you look at the sidebar change before lunch?");
        alice.waitForMessage("carol", "@alice could you look at the sidebar change before lunch?");
        alice.typeAndPressEnter("On it, screenshots coming up.");
        dave.typeAndPressEnter("The drawer works on my phone too");
        dave.typeAndPressEnter("@alice the unread counts look right");
        alice.waitUntil(p -> RoomSidebarBrowserIT.counts(p, "design")
                .equals(new RoomSidebarBrowserIT.Counts(2, 1)));

        WebElement sidebar = alice.driver.findElement(By.id("sidebar"));
        WebElement drawerButton = alice.driver.findElement(By.id("drawer-open"));
        assertThat(sidebar.isDisplayed()).as("the sidebar on a desktop").isTrue();
        assertThat(drawerButton.isDisplayed()).as("the drawer button on a desktop").isFalse();
        alice.waitUntil(p -> !p.driver.findElements(By.cssSelector("#active-rooms [data-room='random']")).isEmpty());
        save(alice, "desktop");

        alice.resize(390, 844);
        alice.waitUntil(p -> !sidebar.isDisplayed() && drawerButton.isDisplayed());
        assertThat(alice.script("return window.innerWidth;")).as("the viewport's width").isEqualTo(390L);
        save(alice, "phone");

        drawerButton.click();
        alice.waitUntil(p -> sidebar.isDisplayed());
        alice.script("return new Promise(done => setTimeout(done, 300));"); // the drawer's slide has ended
        save(alice, "phone-drawer");
        alice.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        alice.waitUntil(p -> !sidebar.isDisplayed());
    }

    private static void save(Person person, String name) throws IOException {
        Files.createDirectories(PICTURES);
        byte[] png = ((TakesScreenshot) person.driver).getScreenshotAs(OutputType.BYTES);
        assertThat(png).as("a PNG").startsWith(0x89, 'P', 'N', 'G');
        Files.write(PICTURES.resolve(name + ".png"), png);
    }
}
