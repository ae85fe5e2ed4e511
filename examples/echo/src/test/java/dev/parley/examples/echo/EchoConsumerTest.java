package dev.parley.examples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.layer.InMemoryChannelLayer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer alone, as a client would drive it, without a server: Channels' WebsocketCommunicator. */
class EchoConsumerTest {

    private Vertx vertx;
    private WebsocketCommunicator client;

    @BeforeEach
    void connect() {
        vertx = Vertx.vertx();
        Scope scope = Scope.of("/ws/echo/", Map.of(), User.guest("ada"));
        client = new WebsocketCommunicator(vertx, new InMemoryChannelLayer(vertx), EchoConsumer::new, scope);
        assertThat(client.connect().accepted()).isTrue();
    }

    @AfterEach
    void close() {
        client.disconnect();
        vertx.close();
    }

    @Test
    void answersEachObjectWithItselfAndWhoSentIt() {
        client.sendJson(new JsonObject().put("text", "hello"));

        assertThat(client.receiveJson()).isEqualTo(new JsonObject()
                .put("echo", new JsonObject().put("text", "hello"))
                .put("user", "ada"));
        client.receiveNothing();
    }

    @Test
    void answersAFrameThatIsNotAnObjectWithAnErrorAndStaysOpen() {
        client.sendText("[1, 2]");
        assertThat(client.receiveJson().getString("error")).contains("JSON object");

        client.sendJson(new JsonObject().put("text", "still here"));
        assertThat(client.receiveJson().getJsonObject("echo").getString("text")).isEqualTo("still here");
    }
}
