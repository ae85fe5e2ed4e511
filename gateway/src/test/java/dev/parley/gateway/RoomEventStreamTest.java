package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.ChatMessage;
import dev.parley.chat.RoomName;
import dev.parley.gateway.chat.RoomEventStream;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.layer.LayerConfig;
import dev.parley.layer.testing.Eventually;
import dev.parley.store.R2dbcMessageStore;
import dev.parley.store.StoreSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RoomEventStream} alone behind a plain Vert.x server, with the layer in memory and the embedded store: what
 * it holds while open and gives back on close, its heartbeats, and a reader that does not read.
 */
class RoomEventStreamTest {

    private static final String ROOM = "stream";

    private Vertx vertx;
    private WatchedLayer layer;
    private R2dbcMessageStore store;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        // Room for every event sent here: a stream must close for its slow reader, not for events the layer dropped.
        LayerConfig roomy = new LayerConfig(1_000_000, LayerConfig.defaults().messageExpiry(),
                LayerConfig.defaults().groupExpiry());
        layer = new WatchedLayer(new InMemoryChannelLayer(vertx, roomy));
        store = await(R2dbcMessageStore.open(vertx, StoreSettings.embedded(Files.createTempDirectory("parley-sse"))));
        RoomEventStream stream = new RoomEventStream(layer, store, Duration.ofMillis(200));
        Router router = Router.router(vertx);
        router.get("/rooms/:room/events").handler(stream::open);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        await(server.close());
        await(store.close());
        await(vertx.close());
    }

    @Test
    void anOpenStreamHoldsOneMembershipAndOneReceiverAndClosingGivesBothBack() throws Exception {
        EventStreamClient stream = EventStreamClient.open(uri(), Map.of());
        assertThat(stream.status()).isEqualTo(200);
        assertThat(layer.members(RoomName.group(ROOM))).hasSize(1);
        assertThat(layer.receivers.get()).isEqualTo(1);

        stream.close();
        Eventually.await(() -> layer.members(RoomName.group(ROOM)).isEmpty() && layer.receivers.get() == 0,
                "the closed stream to leave the group and stop receiving");
    }

    @Test
    void aQuietStreamSendsKeepAliveComments() throws Exception {
        try (EventStreamClient stream = EventStreamClient.open(uri(), Map.of())) {
            assertThat(stream.commentWithin(2000)).hasValue("keep-alive");
            assertThat(stream.commentWithin(2000)).hasValue("keep-alive");
        }
    }

    @Test
    void liveEventsOtherThanChatMessagesAreNotSent() throws Exception {
        try (EventStreamClient stream = EventStreamClient.open(uri(), Map.of())) {
            await(layer.groupSend(RoomName.group(ROOM), new JsonObject().put("type", "chat.typing").put("seq", 1)));
            await(layer.groupSend(RoomName.group(ROOM), event(1, "hello")));
            EventStreamClient.Event first = stream.next();
            assertThat(first.id()).isEqualTo("1");
            assertThat(new JsonObject(first.data()).getString("message")).isEqualTo("hello");
        }
    }

    @Test
    void aReaderThatDoesNotReadIsClosedInsteadOfBufferedWithoutBound() throws Exception {
        try (Socket reader = new Socket()) {
            reader.setReceiveBufferSize(4096);
            reader.connect(new InetSocketAddress("127.0.0.1", server.actualPort()));
            OutputStream out = reader.getOutputStream();
            out.write(("GET /rooms/" + ROOM + "/events HTTP/1.1\r\nHost: test\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Eventually.await(() -> layer.members(RoomName.group(ROOM)).size() == 1, "the stream to open");

            String text = "x".repeat(16 * 1024);
            long seq = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!layer.members(RoomName.group(ROOM)).isEmpty() && System.nanoTime() < deadline) {
                for (int i = 0; i < 20; i++) {
                    await(layer.groupSend(RoomName.group(ROOM), event(++seq, text)));
                }
            }
            assertThat(layer.members(RoomName.group(ROOM))).as("left the group after %d events", seq).isEmpty();
            Eventually.await(() -> layer.receivers.get() == 0, "the receiver to stop");
            assertThat(seq * text.length()).as("closed long before everything was buffered")
                    .isLessThan(200L * 1024 * 1024);

            reader.setSoTimeout(10_000);
            InputStream in = reader.getInputStream();
            byte[] chunk = new byte[64 * 1024];
            while (in.read(chunk) >= 0) {
                // drain what the server sent before closing, up to the end it closed with
            }
        }
    }

    private static JsonObject event(long seq, String text) {
        return new ChatMessage(ROOM, seq, "alice", text, Instant.now(), Optional.empty(), Optional.of(false)).toEvent();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/rooms/" + ROOM + "/events");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** The layer, counting the group members and the running receivers that went through it. */
    private static final class WatchedLayer implements ChannelLayer {

        private final ChannelLayer layer;
        private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
        final AtomicInteger receivers = new AtomicInteger();

        WatchedLayer(ChannelLayer layer) {
            this.layer = layer;
        }

        Set<String> members(String group) {
            return Set.copyOf(groups.getOrDefault(group, Set.of()));
        }

        @Override
        public dev.parley.layer.LayerConfig config() {
            return layer.config();
        }

        @Override
        public Future<String> newChannel(String prefix) {
            return layer.newChannel(prefix);
        }

        @Override
        public Future<Void> send(String channel, JsonObject message) {
            return layer.send(channel, message);
        }

        @Override
        public Future<Receiver> receive(String channel, MessageHandler handler) {
            return layer.receive(channel, handler).map(receiver -> {
                receivers.incrementAndGet();
                AtomicInteger stops = new AtomicInteger();
                return () -> {
                    if (stops.getAndIncrement() == 0) {
                        receivers.decrementAndGet();
                    }
                    return receiver.stop();
                };
            });
        }

        @Override
        public Future<Void> groupAdd(String group, String channel) {
            return layer.groupAdd(group, channel).onSuccess(v ->
                    groups.computeIfAbsent(group, name -> ConcurrentHashMap.newKeySet()).add(channel));
        }

        @Override
        public Future<Void> groupDiscard(String group, String channel) {
            groups.getOrDefault(group, Set.of()).remove(channel);
            return layer.groupDiscard(group, channel);
        }

        @Override
        public Future<Void> groupSend(String group, JsonObject message) {
            return layer.groupSend(group, message);
        }

        @Override
        public Future<Void> flush() {
            return layer.flush();
        }

        @Override
        public Future<Void> close() {
            return layer.close();
        }
    }
}
