package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.layer.testing.Eventually;
import dev.parley.layer.testing.RedisServerProcess;
import dev.parley.layer.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat goes on while Redis is away (docs/channel-layer.md, "When Redis goes away"): two gateway processes on a Redis
 * of the test's own and a real Postgres, a room with tutorial and rich clients on both. With Redis stopped, posts on
 * either gateway are stored, acked and seen by that gateway's members; once Redis is back, without any further post,
 * every client ends with every message, in seq order, each once.
 */
class RedisOutageIT {

    /** Reconnecting (backoff up to 2 s) and the layer's next pub/sub probe (every 5 s), with room to spare. */
    private static final long RECOVERY_MILLIS = 30_000;

    private RedisServerProcess redis;
    private GatewayProcess first;
    private GatewayProcess second;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServerProcess.start();
        Map<String, String> settings = Map.of("CHAT_REDIS_URL", redis.url(),
                "CHAT_DATABASE_URL", TestPostgres.freshDatabase("redis-outage"),
                "CHAT_FRAMES_PER_SECOND", "0",
                "CHAT_MESSAGES_PER_SECOND", "0");
        first = GatewayProcess.start(settings);
        second = GatewayProcess.start(settings);
    }

    @AfterEach
    void stop() throws Exception {
        for (GatewayProcess gateway : new GatewayProcess[] {first, second}) {
            if (gateway != null) {
                gateway.close();
            }
        }
        redis.close();
    }

    @Test
    void postsDuringAnOutageAreAckedSeenOnTheirGatewayAndReachEveryClientOnceRedisIsBack() throws Exception {
        Member tutorialOnFirst = Member.tutorial(first);
        Member richOnFirst = Member.rich(first, "ann");
        Member tutorialOnSecond = Member.tutorial(second);
        Member richOnSecond = Member.rich(second, "bob");
        List<Member> everyone = List.of(tutorialOnFirst, richOnFirst, tutorialOnSecond, richOnSecond);

        long before = richOnFirst.post("before Redis stops");
        for (Member member : everyone) {
            member.awaitSeqs(LongStream.rangeClosed(1, before).boxed().toList(), 10_000);
        }

        redis.stop();
        Eventually.await(() -> "down".equals(first.readinessBody().getString("channel_layer"))
                && "down".equals(second.readinessBody().getString("channel_layer")),
                "both gateways to report the channel layer down");

        // The second gateway's posts first: its members see them at once, the first gateway's do not yet.
        List<Long> acked = new ArrayList<>(List.of(before));
        acked.add(richOnSecond.post("on the second while Redis is down"));
        acked.add(tutorialOnSecond.postTutorial("tutorial on the second while Redis is down"));
        for (Member member : List.of(tutorialOnSecond, richOnSecond)) {
            member.awaitSeqs(acked, 10_000);
        }
        // Then the first gateway's: its members see them, and the second's earlier ones read from the store
        // (a seq jumped), but the second gateway's members have no way to hear of them while Redis is down.
        acked.add(richOnFirst.post("on the first while Redis is down"));
        acked.add(tutorialOnFirst.postTutorial("tutorial on the first while Redis is down"));
        for (Member member : List.of(tutorialOnFirst, richOnFirst)) {
            member.awaitSeqs(acked, 10_000);
        }
        assertThat(acked).as("every post stored, each with the next seq").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(tutorialOnSecond.receivedWithin(1_000)).as("nothing crosses gateways while Redis is down")
                .isEmpty();

        redis.restart();
        long restarted = System.nanoTime();
        // No more posts: what the second gateway's members lack must come by itself.
        for (Member member : everyone) {
            member.awaitSeqs(acked, RECOVERY_MILLIS);
        }
        System.out.printf("[RedisOutageIT] every client held every message %d ms after Redis was started again%n",
                (System.nanoTime() - restarted) / 1_000_000);
        for (Member member : everyone) {
            assertThat(member.receivedWithin(1_500)).as("nothing more, no repeats").isEmpty();
            // Live rows are sent as they come; what a gateway's members missed follows from the store, so the first
            // gateway's members got 4 and 5 before 2 and 3.
            assertThat(member.seqs).as("every message, each once").containsExactlyInAnyOrderElementsOf(acked);
        }
        for (Member member : List.of(tutorialOnFirst, tutorialOnSecond)) {
            assertThat(member.frames).as("a tutorial client gets chat messages only, each with its text")
                    .allSatisfy(frame -> {
                        assertThat(frame.getString("type")).isEqualTo("chat.message");
                        assertThat(frame.getValue("message")).isInstanceOf(String.class);
                    });
        }
        assertThat(richOnSecond.texts).contains("on the first while Redis is down",
                "tutorial on the first while Redis is down");
    }

    /** A client of the room and the chat messages it got, in arrival order. */
    private static final class Member {
        private final WebSocketTestClient client;
        private final boolean rich;
        private final List<Long> seqs = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private final List<JsonObject> frames = new ArrayList<>();
        private int sent;

        private Member(WebSocketTestClient client, boolean rich) {
            this.client = client;
            this.rich = rich;
        }

        static Member tutorial(GatewayProcess gateway) {
            return new Member(WebSocketTestClient.connect(ws(gateway, "")), false);
        }

        static Member rich(GatewayProcess gateway, String name) {
            Member member = new Member(WebSocketTestClient.connect(ws(gateway, "?name=" + name), "parley.v1"), true);
            member.client.receiveJsonOfType("history");
            return member;
        }

        /** Posts in the rich protocol; the seq of the ack. */
        long post(String text) {
            String clientId = "c" + (++sent);
            client.send(new JsonObject().put("type", "chat.send").put("message", text).put("client_id", clientId));
            while (true) {
                JsonObject frame = next(10_000).orElseThrow(() -> new AssertionError("no ack for " + text));
                if ("chat.ack".equals(frame.getString("type")) && clientId.equals(frame.getString("client_id"))) {
                    return frame.getLong("seq");
                }
                assertThat(frame.getString("type")).as("no error frame").isNotEqualTo("error");
            }
        }

        /** Posts in the tutorial protocol; the seq of its own message coming back, the tutorial's "ack". */
        long postTutorial(String text) {
            client.send(new JsonObject().put("message", text));
            int index = texts.indexOf(text);
            while (index < 0) {
                next(10_000).orElseThrow(() -> new AssertionError("not echoed: " + text));
                index = texts.indexOf(text);
            }
            return seqs.get(index);
        }

        /** Reads until it holds every seq given, or fails when the wait is over. */
        void awaitSeqs(List<Long> expected, long millis) {
            long deadline = System.currentTimeMillis() + millis;
            while (!seqs.containsAll(expected)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || next(left).isEmpty()) {
                    throw new AssertionError((rich ? "rich" : "tutorial") + " client has seqs " + seqs
                            + ", expected " + expected + " within " + millis + " ms");
                }
            }
        }

        /** Chat messages that arrive within the wait. */
        List<JsonObject> receivedWithin(long millis) {
            List<JsonObject> more = new ArrayList<>();
            long deadline = System.currentTimeMillis() + millis;
            for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
                int had = seqs.size();
                if (next(left).isPresent() && seqs.size() > had) {
                    more.add(frames.get(frames.size() - 1));
                }
            }
            return more;
        }

        /** The next frame, noting a chat message's seq and text. */
        private Optional<JsonObject> next(long millis) {
            Optional<JsonObject> frame = client.receiveJsonWithin(millis);
            frame.ifPresent(f -> {
                if (!rich || "chat.message".equals(f.getString("type"))) {
                    frames.add(f);
                    seqs.add(f.getLong("seq"));
                    texts.add(f.getString("message"));
                }
            });
            return frame;
        }
    }

    private static URI ws(GatewayProcess gateway, String query) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/outage/" + query);
    }
}
