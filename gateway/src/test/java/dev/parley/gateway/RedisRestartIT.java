package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.RedisServerProcess;
import dev.parley.layer.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two gateway processes on a Redis of the test's own, which is stopped and started again under them. */
class RedisRestartIT {

    private RedisServerProcess redis;
    private GatewayProcess first;
    private GatewayProcess second;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServerProcess.start();
        Map<String, String> settings = Map.of("CHAT_REDIS_URL", redis.url(),
                "CHAT_DATABASE_URL", TestPostgres.freshDatabase("redis-restart"));
        first = GatewayProcess.start(settings);
        second = GatewayProcess.start(settings);
    }

    @AfterEach
    void stop() throws Exception {
        first.close();
        second.close();
        redis.close();
    }

    @Test
    void chatResumesAcrossGatewaysAfterRedisRestartsWithoutRestartingThem() throws Exception {
        WebSocketTestClient onFirst = WebSocketTestClient.connect(ws(first));
        WebSocketTestClient onSecond = WebSocketTestClient.connect(ws(second));
        onFirst.send(new JsonObject().put("message", "before"));
        assertThat(onSecond.receiveJson().getString("message")).isEqualTo("before");
        onFirst.receiveJson();

        redis.stop();
        Eventually.await(() -> "down".equals(first.readinessBody().getString("channel_layer")),
                "the first gateway to report the channel layer down");
        // Down for every gateway alike: they all stay ready, so the load balancer keeps serving pages through
        // them rather than answering 503 for the whole site; chat goes on within each gateway.
        assertThat(first.readiness()).isEqualTo(200);
        assertThat(second.readiness()).isEqualTo(200);
        assertThat(first.readinessBody().getString("status")).isEqualTo("degraded");
        assertThat(first.management("/metrics")).containsPattern("(?m)^parley_channel_layer_up 0\\.0$");
        assertThat(get(first, "/")).contains("<html");
        onFirst.send(new JsonObject().put("message", "while Redis is down"));
        JsonObject stored = onFirst.receiveJson();
        assertThat(stored.getString("type")).as("stored and sent to the gateway's own members, not refused")
                .isEqualTo("chat.message");
        assertThat(stored.getString("message")).isEqualTo("while Redis is down");

        redis.restart();
        Eventually.await(() -> "ready".equals(first.readinessBody().getString("status"))
                && "ready".equals(second.readinessBody().getString("status")), "both gateways to report Redis back");
        assertThat(first.management("/metrics")).containsPattern("(?m)^parley_channel_layer_up 1\\.0$");
        // The same connections, never closed: the second gateway's client gets what it missed without a new post
        // (RedisOutageIT has the details), and a message now crosses from one gateway to the other again.
        assertThat(onSecond.receiveJson().getString("message")).isEqualTo("while Redis is down");
        Eventually.await(() -> {
            onFirst.send(new JsonObject().put("message", "after"));
            return onSecond.receiveJsonWithin(300).map(m -> "after".equals(m.getString("message"))).orElse(false);
        }, "a message from the first gateway to reach a client of the second");
    }


    private static String get(GatewayProcess gateway, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI ws(GatewayProcess gateway) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/restart/");
    }

}
