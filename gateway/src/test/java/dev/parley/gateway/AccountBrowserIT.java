package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ChatBrowser.Shown;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Accounts in the web UI, in real headless Chromium against an in-process gateway: signing up, in and out on the
 * start page, chatting under the account's name, guests who ask for a registered name, and a gateway that turns
 * guests away. Skipped where Debian's chromium and chromium-driver are missing.
 */
class AccountBrowserIT {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dataDir;

    private final BrowserGateway browsers = new BrowserGateway();

    @BeforeAll
    static void chromiumIsInstalled() {
        ChatBrowser.assumeInstalled();
    }

    @AfterEach
    void stopEverything() throws Exception {
        browsers.close();
    }

    @Test
    void someoneWhoSignsUpChatsUnderTheAccountName() {
        startGateway(true);
        String room = BrowserGateway.uniqueRoom("signed-up");
        Person bob = browsers.newPerson("bob");
        bob.joinFromStartPage(room);
        Person ada = browsers.newPerson("Ada");
        ada.startPage().open();
        ada.screenshot("account-start-signed-out");

        ada.startPage().signUp(PASSWORD);
        ada.screenshot("account-start-signed-in");
        assertThat(ada.driver.findElement(By.id("name")).isDisplayed()).as("the display-name field when signed in")
                .isFalse();
        assertThat(ada.driver.findElement(By.id("account-form")).isDisplayed()).as("the sign-in form when signed in")
                .isFalse();
        assertThat(ada.startPage().accountError()).as("the account error line").isEmpty();
        ada.enterRoomFromStartPage(room);
        assertThat(ada.me()).as("who ada is in the room").isEqualTo("Ada");
        assertThat(ada.storedKeys()).as("a signed-in user's name is not kept as a guest's").doesNotContain("parley.name");

        ada.typeAndPressEnter("hello as myself");
        bob.waitForMessage("Ada", "hello as myself");
        ada.waitUntil(p -> p.messages().size() == 1 && p.messages().get(0).state().equals("sent"));
        assertThat(ada.messages().get(0).user()).isEqualTo("Ada");
        assertThat(ada.messages().get(0).own()).as("ada's message on her page is hers").isTrue();
        assertThat(ada.noticeLines()).as("ada's page: the server kept her name").isEmpty();
        assertThat(ada.cookieVisibleToScripts()).as("document.cookie: the session cookie is HttpOnly").isEmpty();
    }

    @Test
    void signingOutAndInAgainNeedsTheRightPassword() {
        startGateway(true);
        String room = BrowserGateway.uniqueRoom("sign-in-again");
        Person grace = browsers.newPerson("Grace");
        StartPage start = grace.startPage();
        start.signUp(PASSWORD);

        start.signOut();
        assertThat(start.signedInAs()).as("signed in after signing out").isEmpty();
        assertThat(grace.driver.findElement(By.id("name")).isDisplayed()).as("the guest path after signing out")
                .isTrue();
        start.open();
        assertThat(start.accountState()).as("what the server says after a reload").isEqualTo("guest");

        start.submitAccountForm(false, "not my password");
        grace.waitUntil(p -> start.accountError().equals("wrong name or password"));
        grace.screenshot("account-wrong-password");
        assertThat(grace.driver.findElements(By.cssSelector("#account-error *"))).as("markup in the error").isEmpty();
        assertThat(start.signedInAs()).as("signed in with a wrong password").isEmpty();

        start.signIn(PASSWORD);
        assertThat(start.accountError()).as("the error line after signing in").isEmpty();
        grace.enterRoomFromStartPage(room);
        assertThat(grace.me()).isEqualTo("Grace");

        Person copycat = browsers.newPerson("GRACE");
        StartPage copycatStart = copycat.startPage().open();
        copycatStart.submitAccountForm(true, "another password");
        copycat.waitUntil(p -> copycatStart.accountError()
                .equals("the name \"GRACE\" is taken, or one that looks like it; choose another"));
        copycatStart.submitAccountForm(true, "short");
        copycat.waitUntil(p -> copycatStart.accountError().equals("the password must have 8 to 128 characters"));
        copycat.screenshot("account-create-short-password");
    }

    @Test
    void guessingTooOftenIsToldToWait() {
        startGateway(GatewayConfig.defaults().withDataDir(dataDir)
                .withLimits(Limits.defaults().withSignInsPerMinute(2)));
        Person mallory = browsers.newPerson("Someone");
        StartPage start = mallory.startPage().open();
        for (int i = 0; i < 2; i++) {
            start.submitAccountForm(false, "guess number " + i);
            mallory.waitUntil(p -> start.accountError().equals("wrong name or password"));
            start.open(); // a fresh page: the same error line again would not show this attempt was answered
        }

        start.submitAccountForm(false, "one guess too many");
        mallory.waitUntil(p -> start.accountError().matches("too many attempts; try again in [1-6]?[0-9] seconds"));
        mallory.screenshot("account-too-many-attempts");
        assertThat(start.signedInAs()).isEmpty();
    }

    /** Issue 17, finding 3: a look-alike (a Ukrainian і) is refused with the reason, and guests are marked. */
    @Test
    void aGuestAskingForALookAlikeOfARegisteredNameIsToldWhyAndIsMarkedAsAGuest() {
        startGateway(true);
        String room = BrowserGateway.uniqueRoom("impostor");
        Person linus = browsers.newPerson("Linus");
        linus.startPage().signUp(PASSWORD);
        linus.enterRoomFromStartPage(room);

        Person impostor = browsers.newPerson("L\u0456nus");
        impostor.enterRoomFromStartPage(room);
        impostor.waitUntil(p -> p.me().startsWith("guest-"));
        impostor.screenshot("account-impostor-renamed");
        String given = impostor.me();
        assertThat(impostor.noticeLines()).as("the impostor's page")
                .containsExactly("The server did not accept the name \u201cL\u0456nus\u201d (\u201cL\u0456nus\u201d is "
                        + "the registered name \u201cLinus\u201d, or looks like it; sign in to use it), so you are \u201c"
                        + given + "\u201d here.");

        impostor.typeAndPressEnter("it is me, linus");
        linus.waitForMessage(given, "it is me, linus");
        assertThat(linus.shown()).as("linus's page").doesNotContain(new Shown("L\u0456nus", "it is me, linus"));
        linus.typeAndPressEnter("no it is not");
        impostor.waitForMessage("Linus", "no it is not");
        linus.screenshot("account-guest-marked");
        assertThat(linus.driver.findElements(By.cssSelector("#messages .message .guest-badge")))
                .as("badges on linus's page: the guest's message only").hasSize(1)
                .allSatisfy(badge -> assertThat(badge.getText()).isEqualToIgnoringCase("guest"));
    }

    @Test
    void withoutGuestsOnlySignedInPeopleChat() {
        startGateway(false);
        String room = BrowserGateway.uniqueRoom("members");
        Person carol = browsers.newPerson("carol");
        StartPage start = carol.startPage().open();
        assertThat(start.accountState()).isEqualTo("members-only");
        carol.screenshot("account-members-only-start");
        assertThat(carol.driver.findElement(By.id("members-only")).isDisplayed()).as("the sign-in-needed note").isTrue();
        assertThat(carol.driver.findElement(By.id("guest-path")).isDisplayed()).as("the guest path").isFalse();
        assertThat(carol.driver.findElement(By.id("join-form")).isDisplayed()).as("joining before signing in")
                .isFalse();

        carol.spyOnSockets();
        carol.openRoomPage(room);
        WebElement signInNeeded = carol.driver.findElement(By.id("members-only"));
        carol.waitUntil(p -> signInNeeded.isDisplayed());
        assertThat(carol.driver.findElements(By.id("composer"))).as("the composer of a guest")
                .noneMatch(WebElement::isDisplayed);
        carol.screenshot("account-members-only-room");
        assertThat(carol.socketUrls()).as("sockets the server would refuse").isEmpty();

        Person dave = browsers.newPerson("dave");
        dave.startPage().signUp(PASSWORD);
        dave.enterRoomFromStartPage(room);
        dave.typeAndPressEnter("members only in here");
        dave.waitUntil(p -> p.messages().size() == 1 && p.messages().get(0).state().equals("sent"));

        carol.driver.findElement(By.id("members-sign-in")).click();
        carol.waitUntil(p -> !start.accountState().equals("pending"));
        assertThat(carol.driver.findElement(By.id("room")).getDomProperty("value")).as("the room carol came from")
                .isEqualTo(room);
        start.submitAccountForm(true, PASSWORD);
        carol.waitUntil(p -> start.signedInAs().equals("carol"));
        carol.driver.findElement(By.id("join")).click();
        carol.waitUntil(p -> p.connectionState().equals("open"));
        carol.waitForMessage("dave", "members only in here");
        carol.typeAndPressEnter("hi dave");
        dave.waitForMessage("carol", "hi dave");
    }

    @Test
    void aPageWhoseSessionEndsStopsReconnectingAndAsksToSignIn() {
        startGateway(false);
        String room = BrowserGateway.uniqueRoom("session-ends");
        Person erin = browsers.newPerson("erin");
        erin.spyOnSockets();
        erin.startPage().signUp(PASSWORD);
        erin.enterRoomFromStartPage(room);

        erin.signOutInAnotherTab();
        erin.dropConnection();
        WebElement signInNeeded = erin.driver.findElement(By.id("members-only"));
        erin.waitUntil(p -> signInNeeded.isDisplayed());
        assertThat(erin.banner().isDisplayed()).as("the reconnecting banner").isFalse();
        assertThat(erin.socketUrls()).as("attempts: the first, and at least one the server refused").hasSizeGreaterThan(1);
    }

    private void startGateway(boolean guests) {
        startGateway(GatewayConfig.defaults().withDataDir(dataDir).withGuests(guests));
    }

    private void startGateway(GatewayConfig config) {
        try {
            browsers.start(config);
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not start", e);
        }
    }
}
