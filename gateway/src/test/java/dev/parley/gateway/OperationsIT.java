package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What operators and orchestrators use: the drain on SIGTERM, the management port's /metrics and /readyz,
 * --check-health and JSON logs.
 */
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void sigtermDrainsRefusingNewClientsAndExitsWithinTheDeadlineEvenIfAClientNeverAnswers() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("CHAT_DRAIN_SECONDS", "6"))) {
            URI room = URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/ops-drain/");
            WebSocketTestClient polite = WebSocketTestClient.connect(room);
            WebSocketTestClient stalled = WebSocketTestClient.connectNotAnsweringClose(room);
            long stopAsked = System.nanoTime();

            gateway.terminate();

            assertThat(polite.receiveClose().code()).isEqualTo(1012);
            assertThat(stalled.receiveClose().code()).isEqualTo(1012);
            // The stalled client keeps the drain waiting (up to half the deadline): meanwhile the gateway is not
            // ready and refuses newcomers, so a load balancer sends them elsewhere.
            assertThat(gateway.readiness()).isEqualTo(503);
            assertThat(gateway.management("/readyz")).contains("\"draining\"");
            assertThat(WebSocketTestClient.refusedStatus(room)).isEqualTo(503);

            assertThat(gateway.waitForExit(10)).as("exited").isTrue();
            assertThat((System.nanoTime() - stopAsked) / 1_000_000_000.0).as("seconds to exit").isLessThan(6.5);
            gateway.awaitOutput("Draining: asking 2 connection(s) to reconnect elsewhere (1012)");
        }
    }

    @Test
    void metricsCountConnectionsFramesAndTheLatencyOfLayerAndStore() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of())) {
            WebSocketTestClient client = WebSocketTestClient.connect(
                    URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/ops-metrics/"));
            client.send(new JsonObject().put("message", "counted"));
            assertThat(client.receiveJson().getString("message")).isEqualTo("counted");

            String metrics = gateway.management("/metrics");

            assertThat(value(metrics, "parley_connections")).isEqualTo(1);
            assertThat(value(metrics, "parley_connections_opened_total")).isEqualTo(1);
            assertThat(value(metrics, "parley_frames_received_total")).isEqualTo(1);
            assertThat(value(metrics, "parley_frames_sent_total")).isEqualTo(1);
            assertThat(value(metrics, "parley_store_latency_seconds_count{op=\"append\"}")).isEqualTo(1);
            // The message, and the news that the client entered the room.
            assertThat(value(metrics, "parley_layer_latency_seconds_count{op=\"group_send\"}")).isEqualTo(2);
            assertThat(value(metrics, "parley_layer_errors_total{op=\"group_send\"}")).isEqualTo(0);
            assertThat(value(metrics, "parley_layer_dropped_total")).isEqualTo(0);
            assertThat(metrics).contains("jvm_memory_used_bytes");
            client.close();
        }
    }

    @Test
    void metricsAndReadinessAreServedOnTheManagementPortOnlyNotOnThePublicOne() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of())) {
            for (String path : new String[] {"/metrics", "/readyz", "/metrics/", "/METRICS", "/readyz?x=1"}) {
                HttpResponse<String> asked = HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(asked.statusCode()).as(path + " on the public port").isEqualTo(404);
                assertThat(asked.body()).doesNotContain("parley_", "jvm_", "channel_layer");
            }
            assertThat(get(gateway, "/healthz")).as("liveness tells nothing but up").isEqualTo("{\"status\":\"ok\"}");

            assertThat(gateway.management("/metrics")).contains("parley_connections ");
            assertThat(gateway.management("/readyz")).contains("\"status\":\"ready\"");
            assertThat(gateway.management("/healthz")).contains("\"ok\"");
            assertThat(gateway.output()).anyMatch(line -> line.contains(
                    "metrics: http://127.0.0.1:" + gateway.managementPort() + "/metrics"));
        }
    }

    @Test
    void aManagementPortThatIsTakenStopsTheJarSayingWhich() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of())) {
            GatewayProcess.Ran refused = GatewayProcess.run(Map.of("CHAT_HOST", "127.0.0.1",
                    "CHAT_PORT", String.valueOf(GatewayProcess.freePort()),
                    "CHAT_MANAGEMENT_PORT", String.valueOf(gateway.managementPort())));
            assertThat(refused.exitStatus()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("CHAT_MANAGEMENT_PORT").contains(":" + gateway.managementPort())
                    .doesNotContain("Exception:");
        }
        GatewayProcess.Ran same = GatewayProcess.run(Map.of("CHAT_PORT", "9191", "CHAT_MANAGEMENT_PORT", "9191"));
        assertThat(same.exitStatus()).isEqualTo(2);
        assertThat(same.output()).contains("CHAT_MANAGEMENT_PORT must differ from CHAT_PORT");
    }

    @Test
    void checkHealthExitsZeroOnlyWhenTheGatewayAnswers() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of())) {
            Map<String, String> here = Map.of("CHAT_MANAGEMENT_PORT", String.valueOf(gateway.managementPort()));
            assertThat(GatewayProcess.run(here, "--check-health").exitStatus()).isZero();
            assertThat(GatewayProcess.run(here, "--check-health", "/readyz").exitStatus()).isZero();
        }
        Map<String, String> nobody = Map.of("CHAT_MANAGEMENT_PORT", String.valueOf(GatewayProcess.freePort()));
        GatewayProcess.Ran down = GatewayProcess.run(nobody, "--check-health");
        assertThat(down.exitStatus()).isEqualTo(1);
        assertThat(down.output()).contains("does not answer");
    }

    @Test
    void jsonLogsPrintOneObjectALineAndAnUnknownFormatIsRefused() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("CHAT_LOG_FORMAT", "json"))) {
            String started = gateway.output().stream().filter(l -> l.contains("Parley chat is running"))
                    .findFirst().orElseThrow();
            JsonObject line = new JsonObject(started);
            assertThat(line.getString("level")).isEqualTo("INFO");
            assertThat(line.getString("formattedMessage")).contains("http://127.0.0.1:" + gateway.port() + "/");
        }
        GatewayProcess.Ran refused = GatewayProcess.run(Map.of("CHAT_LOG_FORMAT", "xml"));
        assertThat(refused.exitStatus()).isEqualTo(2);
        assertThat(refused.output()).contains("CHAT_LOG_FORMAT must be text or json, got 'xml'");
    }

    @Test
    void theSessionSecretOfTheExampleManifestsStopsTheJarSayingHowToMakeOne() throws Exception {
        // A database nobody listens on: were the secret let through, the start would fail at once (status 1)
        // rather than run on.
        GatewayProcess.Ran refused = GatewayProcess.run(Map.of(
                "CHAT_SESSION_SECRET", GatewayConfig.EXAMPLE_SESSION_SECRET,
                "CHAT_DATABASE_URL", "r2dbc:postgresql://nobody@127.0.0.1:1/nothing"));

        assertThat(refused.exitStatus()).as("a configuration error; printed:%n%s", refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("parley: CHAT_SESSION_SECRET is the example")
                .contains("openssl rand -hex 32")
                .contains("kubectl -n parley patch secret parley")
                .doesNotContain("Exception");
    }

    private static String get(GatewayProcess gateway, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of one sample line of the Prometheus text format, e.g. {@code parley_connections 1.0}. */
    private static double value(String metrics, String sample) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        assertThat(line.find()).as(sample + " in\n" + metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
