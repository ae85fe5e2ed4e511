package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jar the README tells people to run: it starts, says where to go, keeps the tutorial contract, stops cleanly. */
class PackagedJarIT {

    private GatewayProcess gateway;

    @BeforeEach
    void startJar() throws Exception {
        gateway = GatewayProcess.start(Map.of());
    }

    @AfterEach
    void stopJar() throws Exception {
        gateway.close();
    }

    @Test
    void startsWithOneLineSayingWhereToGoAndWhatItUses() {
        String line = gateway.output().stream().filter(l -> l.contains("Parley chat is running")).findFirst().orElseThrow();
        assertThat(line).contains("http://127.0.0.1:" + gateway.port() + "/").contains("in-memory").contains("store:");
    }

    @Test
    void keepsTheTutorialContract() {
        TutorialContract.check(gateway.port(), "jar-tutorial");
    }

    /**
     * Issue 17, findings 3 and 10, end to end: with the jar's own store (an embedded database, migrated by the jar)
     * look-alikes of a registered name are refused to guests and at sign-up, and a name that spells out too long
     * is a 400.
     */
    @Test
    void lookAlikeNamesAreRefusedToGuestsAndAtSignUp() throws Exception {
        assertThat(signUp("olga", "long enough").statusCode()).isEqualTo(201);

        for (String lookAlike : List.of("\u043Elga", "olga\u034F", "olga\uFE0F", "olga.")) {
            WebSocketTestClient guest = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + gateway.port()
                    + "/ws/chat/jar-names/?name=" + URLEncoder.encode(lookAlike, StandardCharsets.UTF_8)), "parley.v1");
            JsonObject welcome = guest.receiveJsonOfType("welcome");
            assertThat(welcome.getString("user")).as("a guest asking for %s", lookAlike).startsWith("guest-");
            assertThat(welcome.getString("name_refused")).contains("registered");
            guest.close();

            HttpResponse<String> again = signUp(lookAlike, "long enough");
            assertThat(again.statusCode()).as("signing up as %s: %s", lookAlike, again.body()).isEqualTo(409);
        }
        HttpResponse<String> tooLong = signUp("\uFDFA".repeat(8), "long enough");
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.body()).contains("spelled out");
    }

    private HttpResponse<String> signUp(String name, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.port() + "/api/signup"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                new JsonObject().put("name", name).put("password", password).encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stopsCleanlyOnSigtermClosingConnectionsWith1012() throws Exception {
        WebSocketTestClient client = WebSocketTestClient.connect(
                URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/jar-stop/"));

        gateway.terminate();

        assertThat(client.receiveClose().code()).as("service restart: reconnect elsewhere").isEqualTo(1012);
        assertThat(gateway.waitForExit(15)).as("exited within 15 s").isTrue();
        gateway.awaitOutput("Stopped");
    }
}
