package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.EventStreamClient.Event;
import dev.parley.gateway.chat.RoomEventStream;
import dev.parley.layer.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A room as Server-Sent Events ({@code GET /api/rooms/{room}/events}), against gateways in this process: live
 * messages with their seq as id, a resume with {@code Last-Event-ID} that gets exactly what was missed, the history
 * API's access rule, and a stream that leaves the room's group when its reader goes.
 */
class RoomEventStreamIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalGateway open;
    private static LocalGateway membersOnly;

    @BeforeAll
    static void start() throws Exception {
        // Posting hundreds of messages for the paged resume is no flood here.
        open = LocalGateway.start(GatewayConfig.defaults().withLimits(Limits.defaults().withoutRateLimits()));
        membersOnly = LocalGateway.start(GatewayConfig.defaults().withGuests(false));
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        membersOnly.close();
    }

    @Test
    void liveMessagesComeWithTheirSeqAndAResumeGetsExactlyTheMissedOnesThenLiveOnes() throws Exception {
        String room = "sse-resume";
        WebSocketTestClient poster = WebSocketTestClient.connect(ws(open, room));
        long last;
        try (EventStreamClient stream = EventStreamClient.open(events(open, room, ""), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/event-stream"));
            long one = post(poster, "one");
            long two = post(poster, "two");

            assertMessage(stream.next(), one, "one");
            assertMessage(stream.next(), two, "two");
            assertThat(stream.retries()).containsExactly(String.valueOf(RoomEventStream.RETRY_MILLIS));
            last = two;
        }
        long three = post(poster, "three while away");
        long four = post(poster, "four while away");

        try (EventStreamClient resumed = EventStreamClient.open(events(open, room, ""),
                Map.of("Last-Event-ID", String.valueOf(last)))) {
            assertMessage(resumed.next(), three, "three while away");
            assertMessage(resumed.next(), four, "four while away");
            long five = post(poster, "five, live");
            assertMessage(resumed.next(), five, "five, live");
            assertThat(resumed.nextWithin(300)).as("nothing twice").isEmpty();
        }
        // EventSource's first connect can only say where to start in the URL.
        try (EventStreamClient fromUrl = EventStreamClient.open(events(open, room, "?after=" + three), Map.of())) {
            assertMessage(fromUrl.next(), four, "four while away");
            assertThat(text(fromUrl.next())).isEqualTo("five, live");
        }
        poster.close();
    }

    @Test
    void withoutLastEventIdTheStreamStartsWithTheNextMessage() throws Exception {
        String room = "sse-live";
        WebSocketTestClient poster = WebSocketTestClient.connect(ws(open, room));
        post(poster, "before the stream");
        try (EventStreamClient stream = EventStreamClient.open(events(open, room, ""), Map.of())) {
            assertThat(stream.nextWithin(300)).as("no backlog without Last-Event-ID").isEmpty();
            long seq = post(poster, "after it");
            assertMessage(stream.next(), seq, "after it");
        }
        poster.close();
    }

    @Test
    void aResumeOfManyPagesSendsEveryMessageInOrder() throws Exception {
        String room = "sse-pages";
        WebSocketTestClient poster = WebSocketTestClient.connect(ws(open, room));
        long first = post(poster, "m0");
        int count = RoomEventStream.PAGE * 2 + 7;
        for (int i = 1; i < count; i++) {
            poster.send(new JsonObject().put("message", "m" + i));
        }
        for (int i = 1; i < count; i++) {
            poster.receiveJson();
        }
        try (EventStreamClient stream = EventStreamClient.open(events(open, room, ""),
                Map.of("Last-Event-ID", String.valueOf(first - 1)))) {
            for (int i = 0; i < count; i++) {
                assertMessage(stream.next(), first + i, "m" + i);
            }
            assertThat(stream.nextWithin(200)).isEmpty();
        }
        poster.close();
    }

    @Test
    void whereGuestsMayNotChatAStreamWithoutASessionIsRefusedWithHowToSignIn() throws Exception {
        EventStreamClient refused = EventStreamClient.open(events(membersOnly, "members", ""), Map.of());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(new JsonObject(refused.body()).getString("error")).contains("sign in").contains("POST /api/signin");
    }

    @Test
    void badRoomNamesAndSeqsAreClearErrors() throws Exception {
        assertThat(get(open, "/api/rooms/not%20a%20room/events").statusCode()).isEqualTo(404);
        assertThat(get(open, "/api/rooms/" + "x".repeat(65) + "/events").statusCode()).isEqualTo(404);
        HttpResponse<String> badSeq = get(open, "/api/rooms/lobby/events?after=soon");
        assertThat(badSeq.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badSeq.body()).getString("error")).contains("after").contains("soon");
        EventStreamClient badHeader = EventStreamClient.open(events(open, "lobby", ""), Map.of("Last-Event-ID", "-3"));
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.body()).contains("Last-Event-ID");
    }

    @Test
    void closingTheStreamLeavesTheRoomsGroup() throws Exception {
        // A gateway of its own: no other connection joins or leaves a group while the counts are compared.
        try (LocalGateway gateway = LocalGateway.start(GatewayConfig.defaults())) {
            double added = layerOps(gateway, "group_add");
            double discarded = layerOps(gateway, "group_discard");
            List<EventStreamClient> streams = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                streams.add(EventStreamClient.open(events(gateway, "sse-leave", ""), Map.of()));
            }
            assertThat(layerOps(gateway, "group_add")).isEqualTo(added + 3);
            assertThat(layerOps(gateway, "group_discard")).isEqualTo(discarded);

            for (EventStreamClient stream : streams) {
                stream.close();
            }
            Eventually.await(() -> layerOps(gateway, "group_discard") == discarded + 3,
                    "every closed stream to leave the group");
            assertThat(layerOps(gateway, "group_errors")).isZero();
        }
    }

    private static void assertMessage(Event event, long seq, String text) {
        assertThat(event.event()).isEqualTo("message");
        assertThat(event.id()).isEqualTo(String.valueOf(seq));
        JsonObject frame = new JsonObject(event.data());
        assertThat(frame.getString("type")).isEqualTo("chat.message");
        assertThat(frame.getLong("seq")).isEqualTo(seq);
        assertThat(frame.getString("message")).isEqualTo(text);
    }

    /** Posts as a guest in tutorial mode; the seq the room gave it. */
    private static long post(WebSocketTestClient poster, String text) {
        poster.send(new JsonObject().put("message", text));
        JsonObject echoed = poster.receiveJson();
        assertThat(echoed.getString("message")).isEqualTo(text);
        return echoed.getLong("seq");
    }

    private static double layerOps(LocalGateway gateway, String op) {
        String metrics;
        try {
            metrics = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.metricsUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String sample = op.equals("group_errors")
                ? "parley_layer_errors_total{op=\"group_discard\"}"
                : "parley_layer_latency_seconds_count{op=\"" + op + "\"}";
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static HttpResponse<String> get(LocalGateway gateway, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI events(LocalGateway gateway, String room, String query) {
        return URI.create("http://127.0.0.1:" + gateway.port() + "/api/rooms/" + room + "/events" + query);
    }

    private static URI ws(LocalGateway gateway, String room) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/" + room + "/");
    }

    private static String text(Event event) {
        return new JsonObject(event.data()).getString("message");
    }
}
