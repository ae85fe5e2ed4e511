package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.auth.SessionTokens;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session cookies the packaged gateway must not take at their word, made here with its own session secret: only
 * an existing account signs in, under its registered name; a rewritten signature and a second session cookie sign
 * nobody in.
 */
class SessionCookiesIT {

    private static final String SECRET = "session-cookies-it-" + "s".repeat(32);
    private static final SessionTokens SIGNER = new SessionTokens(SECRET.getBytes(StandardCharsets.UTF_8),
            Clock.systemUTC());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayProcess.start(Map.of("CHAT_SESSION_SECRET", SECRET, "CHAT_SIGNIN_ATTEMPTS_PER_MINUTE", "0"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aValidlySignedTokenForANameWithNoAccountSignsNobodyIn() throws Exception {
        String cookie = SessionTokens.COOKIE + "=" + SIGNER.issue("nobody-" + unique());
        assertThat(me(cookie).getBoolean("signed_in")).isFalse();
        WebSocketTestClient client = WebSocketTestClient.connectWith(Map.of("Cookie", cookie), room(), "parley.v1");
        assertThat(client.receiveJsonOfType("welcome").getBoolean("guest")).isTrue();
        client.close();
    }

    @Test
    void aTokenSignsInAsTheAccountAsRegisteredNotAsTheNameItSpells() throws Exception {
        String name = "Olga-" + unique();
        signUp(name);
        String cookie = SessionTokens.COOKIE + "=" + SIGNER.issue(name.toUpperCase());

        JsonObject me = me(cookie);
        assertThat(me.getBoolean("signed_in")).isTrue();
        assertThat(me.getString("name")).isEqualTo(name);
        WebSocketTestClient client = WebSocketTestClient.connectWith(Map.of("Cookie", cookie), room(), "parley.v1");
        assertThat(client.receiveJsonOfType("welcome").getString("user")).isEqualTo(name);
        client.close();
    }

    @Test
    void aSignatureWithItsLastCharacterRewrittenSignsNobodyIn() throws Exception {
        String cookie = signUp("Rewritten-" + unique());
        assertThat(me(cookie).getBoolean("signed_in")).isTrue();
        char last = cookie.charAt(cookie.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // The same 32 bytes, spelled with other values in the last character's two unused bits.
        String rewritten = cookie.substring(0, cookie.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);

        assertThat(me(rewritten).getBoolean("signed_in")).isFalse();
        WebSocketTestClient client = WebSocketTestClient.connectWith(Map.of("Cookie", rewritten), room(),
                "parley.v1");
        assertThat(client.receiveJsonOfType("welcome").getBoolean("guest")).isTrue();
        client.close();
    }

    @Test
    void twoSessionCookiesSignNobodyInWhicheverComesFirst() throws Exception {
        String victim = signUp("Victim-" + unique());
        String planted = signUp("Planted-" + unique());

        for (String both : new String[] {planted + "; " + victim, victim + "; " + planted, victim + "; " + victim}) {
            assertThat(me(both).getBoolean("signed_in")).as(both).isFalse();
            WebSocketTestClient client = WebSocketTestClient.connectWith(Map.of("Cookie", both), room(), "parley.v1");
            assertThat(client.receiveJsonOfType("welcome").getBoolean("guest")).isTrue();
            client.close();
        }
        assertThat(me(victim + "; theme=dark").getBoolean("signed_in")).as("other cookies beside it").isTrue();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** Registers the name; returns its session cookie, {@code parley_session=…}. */
    private static String signUp(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base("/api/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("name", name).put("password", "long enough").encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static JsonObject me(String cookie) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base("/api/me")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static URI base(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private static URI room() {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/session-cookies/");
    }
}
