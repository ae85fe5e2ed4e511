package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.auth.SessionTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts, signed session cookies and guests, against running gateways: one open to guests, one closed. */
class IdentityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static Vertx membersOnlyVertx;
    private static Gateway open;
    private static Gateway membersOnly;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        membersOnlyVertx = Vertx.vertx();
        // Many sign-ups from one address within a minute: SignInThrottleIT tests the throttle these tests turn off.
        GatewayConfig config = GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-identity-it"))
                .withLimits(Limits.defaults().withSignInsPerMinute(0));
        open = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        membersOnly = Gateway.start(membersOnlyVertx, config.withGuests(false)
                        .withDataDir(Files.createTempDirectory("parley-identity-it-members")))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        open.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        membersOnly.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        membersOnlyVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void signingUpSetsAnHttpOnlySameSiteSessionCookieThatNamesTheUser() throws Exception {
        String name = unique("Ada");
        HttpResponse<String> signUp = post(open, "/api/signup", credentials(name, "correct horse"));

        assertThat(signUp.statusCode()).isEqualTo(201);
        String setCookie = signUp.headers().firstValue("set-cookie").orElseThrow();
        assertThat(setCookie).startsWith(SessionTokens.COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/");
        JsonObject me = new JsonObject(get(open, "/api/me", cookieOf(signUp)).body());
        assertThat(me.getBoolean("signed_in")).isTrue();
        assertThat(me.getString("name")).isEqualTo(name);
    }

    @Test
    void aNameIsTakenOnceAndOnlyTheRightPasswordSignsIn() throws Exception {
        String name = unique("Grace");
        assertThat(post(open, "/api/signup", credentials(name, "s3cret-enough")).statusCode()).isEqualTo(201);

        HttpResponse<String> again = post(open, "/api/signup", credentials(name.toUpperCase(), "another-one"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(again.body()).getString("error")).contains("taken");

        assertThat(post(open, "/api/signin", credentials(name, "wrong-password")).statusCode()).isEqualTo(401);
        assertThat(post(open, "/api/signin", credentials(unique("nobody"), "s3cret-enough")).statusCode())
                .isEqualTo(401);
        HttpResponse<String> signIn = post(open, "/api/signin", credentials(name.toLowerCase(), "s3cret-enough"));
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(signIn.body()).getString("name")).as("the name as registered").isEqualTo(name);
    }

    @Test
    void badSignUpsAreRefusedWithAReason() throws Exception {
        assertThat(error(post(open, "/api/signup", credentials(unique("Short"), "1234567")))).contains("password");
        assertThat(error(post(open, "/api/signup", credentials("guest-abcdef", "long enough")))).contains("guests");
        assertThat(error(post(open, "/api/signup", credentials(" spaced", "long enough")))).contains("name");
        assertThat(error(post(open, "/api/signup", "{\"name\": 5}"))).contains("\"name\"");
        assertThat(post(open, "/api/signup", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void requestsFromPagesOfOtherSitesOrAsFormsAreRefused() throws Exception {
        String body = credentials(unique("Eve"), "long enough");
        HttpResponse<String> crossSite = HTTP.send(request(open, "/api/signup", Map.of(
                "Origin", "https://evil.example", "Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);

        HttpResponse<String> form = HTTP.send(request(open, "/api/signin", Map.of(
                "Content-Type", "application/x-www-form-urlencoded"))
                .POST(HttpRequest.BodyPublishers.ofString("name=eve&password=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void aSignedInUserChatsAsThemselvesWhateverNameTheyAskFor() throws Exception {
        String name = unique("Linus");
        String cookie = cookieOf(post(open, "/api/signup", credentials(name, "long enough")));

        WebSocketTestClient client = WebSocketTestClient.connectWith(Map.of("Cookie", cookie),
                ws(open, "/ws/chat/identity-it/?name=someone-else"), "parley.v1");
        JsonObject welcome = client.receiveJsonOfType("welcome");
        assertThat(welcome.getString("user")).isEqualTo(name);
        assertThat(welcome.getBoolean("guest")).isFalse();

        client.send(new JsonObject().put("type", "chat.send").put("message", "it is me").put("client_id", "c1"));
        assertThat(client.receiveJsonOfType("chat.message").getString("user")).isEqualTo(name);
    }

    @Test
    void aGuestCannotTakeARegisteredNameAndAForgedCookieMakesAGuest() throws Exception {
        String name = unique("Barbara");
        String cookie = cookieOf(post(open, "/api/signup", credentials(name, "long enough")));

        WebSocketTestClient impostor = WebSocketTestClient.connect(
                ws(open, "/ws/chat/identity-it/?name=" + name.toLowerCase()), "parley.v1");
        JsonObject welcome = impostor.receiveJsonOfType("welcome");
        assertThat(welcome.getString("user")).startsWith("guest-");
        assertThat(welcome.getBoolean("guest")).isTrue();

        String forged = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA");
        WebSocketTestClient forger = WebSocketTestClient.connectWith(Map.of("Cookie", forged),
                ws(open, "/ws/chat/identity-it/"), "parley.v1");
        assertThat(forger.receiveJsonOfType("welcome").getBoolean("guest")).isTrue();
    }

    @Test
    void withGuestsSwitchedOffOnlySignedInUsersConnect() throws Exception {
        assertThat(WebSocketTestClient.refusedStatus(ws(membersOnly, "/ws/chat/members/"))).isEqualTo(401);
        assertThat(new JsonObject(get(membersOnly, "/api/me", "").body()).getBoolean("guests_allowed")).isFalse();

        String name = unique("Member");
        String cookie = cookieOf(post(membersOnly, "/api/signup", credentials(name, "long enough")));
        WebSocketTestClient member = WebSocketTestClient.connectWith(Map.of("Cookie", cookie),
                ws(membersOnly, "/ws/chat/members/"));
        member.send(new JsonObject().put("message", "members only"));
        assertThat(member.receiveJson().getString("user")).isEqualTo(name);
    }

    @Test
    void signingOutClearsTheCookie() throws Exception {
        HttpResponse<String> signOut = post(open, "/api/signout", "");
        assertThat(signOut.statusCode()).isEqualTo(204);
        assertThat(signOut.headers().firstValue("set-cookie").orElseThrow())
                .startsWith(SessionTokens.COOKIE + "=;").contains("Max-Age=0");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String credentials(String name, String password) {
        return new JsonObject().put("name", name).put("password", password).encode();
    }

    private static String error(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return new JsonObject(response.body()).getString("error");
    }

    private static String cookieOf(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpResponse<String> post(Gateway gateway, String path, String json) throws Exception {
        return HTTP.send(request(gateway, path, Map.of("Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(Gateway gateway, String path, String cookie) throws Exception {
        HttpRequest.Builder request = request(gateway, path, Map.of());
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(Gateway gateway, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + path));
        headers.forEach(request::header);
        return request;
    }

    private static URI ws(Gateway gateway, String path) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + path);
    }
}
