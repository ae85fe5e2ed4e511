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
        Eventually.await(() -> first.readiness() == 503, "the first gateway to report not ready");
        onFirst.send(new JsonObject().put("message", "while Redis is down"));
        JsonObject refused = onFirst.receiveJson();
        assertThat(refused.getString("type")).isEqualTo("error");
        assertThat(refused.getString("code")).isEqualTo("unavailable");

        redis.restart();
        Eventually.await(() -> first.readiness() == 200 && second.readiness() == 200, "both gateways to be ready again");
        // The same connections, never closed: a message now crosses from one gateway to the other again.
        Eventually.await(() -> {
            onFirst.send(new JsonObject().put("message", "after"));
            return onSecond.receiveJsonWithin(300).map(m -> "after".equals(m.getString("message"))).orElse(false);
        }, "a message from the first gateway to reach a client of the second");
    }


    private static URI ws(GatewayProcess gateway) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/restart/");
    }

}
