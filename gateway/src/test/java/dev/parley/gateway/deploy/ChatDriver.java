package dev.parley.gateway.deploy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Drives a room's clients from one thread: they post in turn at a steady pace, handle what arrives, and reconnect
 * when their connection ends; then they catch up until all hold the room's whole history.
 */
final class ChatDriver {

    /** One post every 25 ms, by each client in turn: 40 messages a second in the room. */
    private static final long POST_INTERVAL_NANOS = 25_000_000L;
    private static final long ROOM_POLL_INTERVAL_NANOS = 250_000_000L;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);

    private final List<ResumingChatClient> clients;
    private final URI roomsApi;
    private final String room;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private int nextPoster;
    private int posts;

    /** {@code roomsApi}: {@code GET /api/rooms}, which says each room's last seq. */
    ChatDriver(List<ResumingChatClient> clients, URI roomsApi, String room) {
        this.clients = clients;
        this.roomsApi = roomsApi;
        this.room = room;
    }

    /** Clients post, receive and reconnect for this long. */
    void chatFor(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long nextPost = System.nanoTime();
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= nextPost) {
                ResumingChatClient poster = clients.get(nextPoster++ % clients.size());
                poster.send("message " + (++posts) + " from " + poster.name());
                nextPost += POST_INTERVAL_NANOS;
            }
            clients.forEach(client -> client.step(0));
            Thread.sleep(2);
        }
    }

    /**
     * With no new posts, lets every client reconnect, have its posts acknowledged and fill its gaps until each holds
     * seqs 1 to the room's last seq (GET /api/rooms through the load balancer); returns that seq. Fails with
     * {@code diagnostics} if that does not happen within the bound.
     */
    long catchUp(Duration bound, Supplier<String> diagnostics) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        long last = 0;
        long nextPoll = System.nanoTime();
        while (true) {
            for (ResumingChatClient client : clients) {
                client.step(last);
            }
            boolean settled = clients.stream().allMatch(c -> c.connected() && c.unackedCount() == 0);
            if (settled && System.nanoTime() >= nextPoll) {
                nextPoll = System.nanoTime() + ROOM_POLL_INTERVAL_NANOS;
                last = lastSeq().orElse(last);
                long roomLast = last;
                if (roomLast > 0 && clients.stream().allMatch(c -> c.contiguousHighest() == roomLast
                        && c.messages().size() == roomLast)) {
                    return roomLast;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the clients did not catch up within " + bound.toSeconds()
                        + " s (room's last seq: " + last + ")\n" + diagnostics.get());
            }
            Thread.sleep(5);
        }
    }

    /** The room's last seq as GET /api/rooms says, if it answers. */
    private OptionalLong lastSeq() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(roomsApi).timeout(HTTP_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return OptionalLong.empty();
            }
            for (Object entry : new JsonObject(response.body()).getJsonArray("rooms")) {
                JsonObject listed = (JsonObject) entry;
                if (room.equals(listed.getString("room"))) {
                    return OptionalLong.of(listed.getLong("last_seq"));
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
