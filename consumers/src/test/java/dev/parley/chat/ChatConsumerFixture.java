package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.consumers.FrameRateLimit;
import dev.parley.consumers.Middleware;
import dev.parley.consumers.Scope;
import dev.parley.consumers.User;
import dev.parley.consumers.testing.WebsocketCommunicator;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.store.MessageStore;
import dev.parley.store.R2dbcMessageStore;
import dev.parley.store.StoreSettings;
import dev.parley.layer.InMemoryPresence;
import dev.parley.layer.Presence;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the chat consumer tests share: a layer, presence and embedded store per test, and connected clients. */
abstract class ChatConsumerFixture {

    static final Instant NOW = Instant.parse("2026-11-22T04:05:06Z");

    Vertx vertx;
    ChannelLayer layer;
    final ChatSettings settings = new ChatSettings(20, Clock.fixed(NOW, ZoneOffset.UTC));
    final Presence presence = new InMemoryPresence();
    MessageStore store;
    final List<WebsocketCommunicator> clients = new ArrayList<>();
    /** The message rate of consumers connected from now on; none unless a test sets one. */
    FloodControl floodControl = FloodControl.unlimited();
    /** The frame rate (the {@link FrameRateLimit} middleware) of clients connected from now on. */
    double framesPerSecond = Double.POSITIVE_INFINITY;

    @BeforeEach
    void start(@TempDir Path dataDir) throws Exception {
        vertx = Vertx.vertx();
        layer = new InMemoryChannelLayer(vertx);
        store = R2dbcMessageStore.open(vertx, StoreSettings.embedded(dataDir)).toCompletionStage()
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        store.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        layer.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
    WebsocketCommunicator tutorialClient(String room, String name) {
        return connected(scope(room, name, List.of()));
    }

    /** A tutorial client signed in as {@code name}. */
    WebsocketCommunicator signedInTutorialClient(String room, String name) {
        return connected(Scope.of("/ws/chat/" + room + "/", Map.of("room", room), User.registered(name)));
    }

    WebsocketCommunicator richClient(String room, String name) {
        WebsocketCommunicator client = connected(scope(room, name, List.of("parley.v1")));
        assertThat(client.receiveJson().getString("type")).isEqualTo("welcome");
        assertThat(client.receiveJson().getString("type")).isEqualTo("presence");
        assertThat(client.receiveJson().getString("type")).isEqualTo("history");
        return client;
    }

    WebsocketCommunicator connected(Scope scope) {
        WebsocketCommunicator client = new WebsocketCommunicator(vertx, layer, Middleware.wrapping(
                List.of(new FrameRateLimit(framesPerSecond)),
                ChatConsumer.factory(settings, presence, store, floodControl)), scope);
        assertThat(client.connect().accepted()).isTrue();
        clients.add(client);
        return client;
    }

    static Scope scope(String room, String name, List<String> subprotocols) {
        return Scope.of("/ws/chat/" + room + "/", Map.of("room", room), User.guest(name)).withSubprotocols(subprotocols);
    }
}
