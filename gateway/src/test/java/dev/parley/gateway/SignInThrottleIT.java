package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code CHAT_SIGNIN_ATTEMPTS_PER_MINUTE} against a running gateway behind a "proxy" naming each client. */
class SignInThrottleIT {

    private static final int PER_MINUTE = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        gateway = start(vertx, throttled());
    }

    /** A gateway behind a "proxy" that names each client, with the throttle this class tests. */
    private static GatewayConfig throttled() throws Exception {
        return GatewayConfig.defaults().withHost("127.0.0.1").withPort(0).withManagementPort(0)
                .withDataDir(Files.createTempDirectory("parley-throttle-it"))
                .withTrustProxy(true)
                .withLimits(Limits.defaults().withSignInsPerMinute(PER_MINUTE));
    }

    private static Gateway start(Vertx on, GatewayConfig config) throws Exception {
        return Gateway.start(on, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void guessingOnePasswordIsRefusedBeforeItIsCheckedFromThatAddressAndFromAnyOther() throws Exception {
        double throttledBefore = throttledSoFar();
        String name = "target-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(post("/api/signup", "10.9.0.1", name, "the right one").statusCode()).isEqualTo(201);

        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(post("/api/signin", "10.9.0.2", name, "guess " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = post("/api/signin", "10.9.0.2", name, "the right one");
        assertThat(refused.statusCode()).as("even the right password, once over the limit").isEqualTo(429);
        assertThat(Integer.parseInt(refused.headers().firstValue("retry-after").orElseThrow()))
                .as("seconds until the minute of the first attempt ends").isBetween(1, 60);
        assertThat(new JsonObject(refused.body()).getString("error")).startsWith("too many attempts");
        assertThat(refused.headers().firstValue("set-cookie")).isEmpty();

        assertThat(post("/api/signin", "10.9.0.3", name.toUpperCase(), "the right one").statusCode())
                .as("the same name from a fresh address").isEqualTo(429);
        String other = "bystander-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(post("/api/signup", "10.9.0.3", other, "another one").statusCode())
                .as("a fresh address for another name").isEqualTo(201);

        assertThat(throttledSoFar() - throttledBefore).as("refusals counted").isEqualTo(2.0);
    }

    @Test
    void signUpsFromOneAddressAreThrottledToo() throws Exception {
        for (int i = 0; i < PER_MINUTE; i++) {
            String name = "spam-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(post("/api/signup", "10.8.0.1", name, "a password").statusCode()).isEqualTo(201);
        }
        assertThat(post("/api/signup", "10.8.0.1", "spam-last", "a password").statusCode()).isEqualTo(429);
    }

    @Test
    void gatewaysSharingRedisCountTogether() throws Exception {
        String redis = TestRedis.url();
        String prefix = TestRedis.uniquePrefix("signin");
        Vertx otherVertx = Vertx.vertx(); // two gateways of one Vertx on port 0 would share one socket
        Vertx thirdVertx = Vertx.vertx();
        Gateway first = start(otherVertx, throttled().withRedis(redis, prefix));
        Gateway second = start(thirdVertx, throttled().withRedis(redis, prefix));
        try {
            String name = "shared-" + UUID.randomUUID().toString().substring(0, 6);
            for (int i = 0; i < PER_MINUTE; i++) {
                Gateway next = i % 2 == 0 ? first : second;
                assertThat(post(next, "/api/signin", "10.7.0.1", name, "guess " + i).statusCode()).isEqualTo(401);
            }
            assertThat(post(first, "/api/signin", "10.7.0.1", name, "one more").statusCode()).isEqualTo(429);
            assertThat(post(second, "/api/signin", "10.7.0.1", name, "one more").statusCode()).isEqualTo(429);
        } finally {
            first.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            second.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            otherVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            thirdVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> post(String path, String clientAddress, String name, String password)
            throws Exception {
        return post(gateway, path, clientAddress, name, password);
    }

    private static HttpResponse<String> post(Gateway to, String path, String clientAddress, String name,
                                             String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("name", name).put("password", password).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double throttledSoFar() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.managementPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("parley_signins_throttled_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no parley_signins_throttled_total in /metrics"));
    }

    private static String base() {
        return "http://127.0.0.1:" + gateway.port();
    }
}
