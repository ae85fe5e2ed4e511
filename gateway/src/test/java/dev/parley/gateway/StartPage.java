package dev.parley.gateway;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The start page's account section in one person's browser: signing up, in and out with the person's name. */
final class StartPage {

    private final Person person;
    private final WebDriver driver;

    StartPage(Person person) {
        this.person = person;
        this.driver = person.driver;
    }

    /** Opens the start page and waits until it knows from the server who is signed in. */
    StartPage open() {
        driver.get(person.baseUrl + "/");
        person.waitUntil(p -> !accountState().equals("pending"));
        return this;
    }

    /** What the page knows: signed-in, guest, members-only (guests may not chat), unknown, or still pending. */
    String accountState() {
        return driver.findElement(By.id("start")).getDomAttribute("data-account");
    }

    /** Opens the page, creates the person's account and waits until signed in. */
    void signUp(String password) {
        open().submitAccountForm(true, password);
        person.waitUntil(p -> signedInAs().equals(person.name));
    }

    /** Opens the page, signs in with the person's name and waits until signed in. */
    void signIn(String password) {
        open().submitAccountForm(false, password);
        person.waitUntil(p -> signedInAs().equals(person.name));
    }

    /** Fills the account form with the person's name, in the mode asked for, and submits it; waits for nothing. */
    void submitAccountForm(boolean newAccount, String password) {
        WebElement form = driver.findElement(By.id("account-form"));
        if (form.getDomAttribute("data-mode").equals("sign-up") != newAccount) {
            driver.findElement(By.id("account-mode")).click();
        }
        WebElement user = driver.findElement(By.id("account-user"));
        user.clear();
        user.sendKeys(person.name);
        WebElement passwordField = driver.findElement(By.id("password"));
        passwordField.clear();
        passwordField.sendKeys(password);
        driver.findElement(By.id("account-submit")).click();
    }

    /** The name the page shows as signed in, or "" while it shows no one signed in. */
    String signedInAs() {
        return driver.findElement(By.id("signed-in")).isDisplayed()
                ? driver.findElement(By.id("account-name")).getText() : "";
    }

    /** What the page says went wrong with the account form, "" when nothing. */
    String accountError() {
        return driver.findElement(By.id("account-error")).getDomProperty("textContent");
    }

    /** Clicks "Sign out" and waits until the page shows no one signed in. */
    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        person.waitUntil(p -> List.of("guest", "members-only").contains(accountState()));
    }

    @Override
    public String toString() {
        return "start page: account " + accountState() + ", signed in as '" + signedInAs() + "', account error '"
                + accountError() + "'";
    }
}
