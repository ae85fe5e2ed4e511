package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.RedisClusterProcess;
import dev.parley.layer.testing.RedisServerProcess;
import dev.parley.layer.testing.TestPostgres;
import dev.parley.layer.testing.TestRedis;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway processes on a local Redis Cluster of 3 masters and 3 replicas, given one node's URL as a user would:
 * rooms are shared, and chat survives the room's master being killed under load with nothing acked lost.
 */
class RedisClusterGatewaysIT {

    private static RedisClusterProcess cluster;
    private static GatewayProcess first;
    private static GatewayProcess second;

    @BeforeAll
    static void startTwoGatewaysOnACluster() throws Exception {
        cluster = RedisClusterProcess.start();
        Map<String, String> settings = Map.of(
                "CHAT_DATABASE_URL", TestPostgres.freshDatabase("cluster-gateways"),
                "CHAT_REDIS_URL", cluster.url(),
                "CHAT_REDIS_KEY_PREFIX", TestRedis.uniquePrefix("cluster-gateways"),
                // Senders post as fast as the gateways take them; rate limits are SecurityIT's.
                "CHAT_FRAMES_PER_SECOND", "0",
                "CHAT_MESSAGES_PER_SECOND", "0");
        first = GatewayProcess.start(settings);
        second = GatewayProcess.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayProcess gateway : new GatewayProcess[] {first, second}) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bothGatewaysSayTheyUseTheClusterAndShareARoom() {
        for (GatewayProcess gateway : List.of(first, second)) {
            assertThat(gateway.output()).anySatisfy(line -> assertThat(line).contains("Redis Cluster with 3 masters"));
        }
        List<WebSocketTestClient> onFirst = new ArrayList<>();
        List<WebSocketTestClient> onSecond = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            onFirst.add(WebSocketTestClient.connect(ws(first, "/ws/chat/shared/")));
            onSecond.add(WebSocketTestClient.connect(ws(second, "/ws/chat/shared/")));
        }
        WebSocketTestClient otherRoom = WebSocketTestClient.connect(ws(second, "/ws/chat/elsewhere/"));

        onSecond.get(0).send("{\"message\": \"from the second gateway\"}");
        onFirst.get(0).send("{\"message\": \"from the first gateway\"}");

        for (WebSocketTestClient client : concat(onFirst, onSecond)) {
            List<String> texts = List.of(client.receiveJson().getString("message"), client.receiveJson().getString("message"));
            assertThat(texts).containsExactlyInAnyOrder("from the second gateway", "from the first gateway");
        }
        otherRoom.receiveNothing();
    }

    @Test
    void clusterNodesListedWithAStandaloneRedisStopTheGatewayAtStart() throws Exception {
        GatewayProcess.Ran refused = GatewayProcess.run(Map.of(
                "CHAT_REDIS_URL", cluster.url() + "," + TestRedis.url()));

        assertThat(refused.exitStatus()).isNotZero();
        assertThat(refused.output())
                .contains("CHAT_REDIS_URL: the Redis URLs mix nodes of a Redis Cluster");
    }

    @Test
    void aMasterKilledUnderLoadLosesNoAckedMessageAfterGapFill() throws Exception {
        String room = "load";
        int slot = RedisClusterProcess.slotOf("chat.room." + room);
        ClusterLoad load = ClusterLoad.start(List.of(ws(first, "/ws/chat/" + room + "/"),
                ws(second, "/ws/chat/" + room + "/")), 3);

        Thread.sleep(4_000);
        RedisServerProcess master = cluster.masterOf(slot);
        master.kill();
        long killedAt = load.markKill();
        cluster.awaitTakeOver(slot, master);
        long failedOverMs = (System.nanoTime() - killedAt) / 1_000_000;
        Thread.sleep(8_000);
        ClusterLoad.Result result = load.stopAndFillGaps();

        System.out.printf("[cluster] master killed under load: %d messages acked, %d sends refused (unavailable)"
                        + " or unanswered and resent, %d missing at some client before gap fill, %d after;"
                        + " replica promoted in %d ms; chat resumed across gateways %s ms after the kill%n",
                result.acked(), result.resent(), result.missingBeforeGapFill(), result.missingAfterGapFill(),
                failedOverMs, result.resumedAfterMs().map(String::valueOf).orElse("(never)"));
        assertThat(result.acked()).as("messages acked").isGreaterThan(100);
        assertThat(result.missingAfterGapFill()).as("acked messages missing at some client after gap fill").isZero();
        assertThat(result.resumedAfterMs()).as("a live message crossed gateways after the kill").isPresent();
    }

    private static List<WebSocketTestClient> concat(List<WebSocketTestClient> a, List<WebSocketTestClient> b) {
        List<WebSocketTestClient> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static URI ws(GatewayProcess gateway, String path) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + path);
    }
}
