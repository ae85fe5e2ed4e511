package dev.parley.loadtest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One room of the {@link BaselineServer}: its members and its seq counter. A message is encoded once and the same
 * bytes are written to every member.
 */
final class BaselineRoom {

    private static final DateTimeFormatter SENT_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String name;
    private final List<ServerWebSocket> members = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    BaselineRoom(String name) {
        this.name = name;
    }

    void join(ServerWebSocket member) {
        members.add(member);
    }

    void leave(ServerWebSocket member) {
        members.remove(member);
    }

    /** Sends the message to every member, the sender included, in the shape of Parley's chat message object. */
    void broadcast(String user, String message) {
        Buffer encoded = Buffer.buffer(frame(seq.incrementAndGet(), user, message, Instant.now()));
        for (ServerWebSocket member : members) {
            // Vert.x 4.5 has no public text frame made from bytes; this one shares the encoded bytes (an
            // unreleasable slice per write) instead of encoding the text again for every member.
            member.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, encoded.getByteBuf(), true));
        }
    }

    String frame(long seq, String user, String message, Instant sentAt) {
        return new JsonObject().put("type", "chat.message").put("room", name).put("seq", seq).put("user", user)
                .put("message", message).put("sent_at", SENT_AT.format(sentAt)).encode();
    }
}
