package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BaselineServerTest {

    @Test
    void aMessageIsFramedAsParleysChatMessage() {
        String frame = new BaselineRoom("lobby").frame(42, "guest-ab12cd", "say \"hi\"",
                Instant.parse("2026-12-06T04:05:06Z"));
        assertThat(frame).isEqualTo("{\"type\":\"chat.message\",\"room\":\"lobby\",\"seq\":42,"
                + "\"user\":\"guest-ab12cd\","
                + "\"message\":\"say \\\"hi\\\"\",\"sent_at\":\"2026-12-06T04:05:06.000Z\"}");
    }

    @Test
    void everyMemberOfTheRoomGetsEachMessageWithARoomSeqAndNoOtherRoomDoes() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Vertx server = new BaselineServer(new Command.Baseline("127.0.0.1", port, 1), new PrintStream(printed))
                .start();
        Vertx clients = Vertx.vertx();
        try {
            WebSocketClient client = clients.createWebSocketClient();
            List<String> a = new CopyOnWriteArrayList<>();
            List<String> b = new CopyOnWriteArrayList<>();
            List<String> other = new CopyOnWriteArrayList<>();
            WebSocket first = connect(client, port, "/ws/chat/r1/", a);
            connect(client, port, "/ws/chat/r1/", b);
            connect(client, port, "/ws/chat/r2/", other);
            first.writeTextMessage("{\"message\": \"one\"}");
            first.writeTextMessage("{\"message\": \"two\"}");
            first.writeTextMessage("not json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((a.size() < 3 || b.size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(printed.toString()).contains("listening on ws://127.0.0.1:" + port);
            assertThat(b).hasSize(2);
            JsonObject second = new JsonObject(b.get(1));
            assertThat(second.getString("type")).isEqualTo("chat.message");
            assertThat(second.getString("room")).isEqualTo("r1");
            assertThat(second.getLong("seq")).isEqualTo(2);
            assertThat(second.getString("message")).isEqualTo("two");
            assertThat(second.getString("user")).matches("guest-[a-z0-9]{6}");
            assertThat(a.subList(0, 2)).as("the sender gets its own messages too").isEqualTo(b);
            assertThat(new JsonObject(a.get(2)).getString("code")).isEqualTo("invalid_json");
            assertThat(other).isEmpty();
        } finally {
            clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static WebSocket connect(WebSocketClient client, int port, String path, List<String> received)
            throws Exception {
        WebSocket socket = client.connect(port, "127.0.0.1", path).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(received::add);
        return socket;
    }
}
