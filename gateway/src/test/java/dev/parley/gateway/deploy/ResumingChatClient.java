package dev.parley.gateway.deploy;

import dev.parley.gateway.WebSocketTestClient;
import dev.parley.gateway.WebSocketTestClient.Closed;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A rich-mode ({@code parley.v1}) chat client that behaves as docs/protocol.md asks of one that must lose nothing:
 * it keeps the room's messages by {@code seq}; when its connection ends it reconnects with
 * {@code ?after=<highest seq it holds without a gap>}; it sends again, with the same {@code client_id}, every
 * message not yet acknowledged; and it asks for a gap it sees with {@code history.before}. Not thread-safe: one
 * thread drives all of a test's clients, calling {@link #step} in turn.
 */
final class ResumingChatClient {

    /** Between two requests for the same missing messages. */
    private static final long GAP_REQUEST_INTERVAL_NANOS = 500_000_000L;
    private static final int MAX_PAGE = 200;
    /** Between two attempts to connect, as a client backs off. */
    private static final long RECONNECT_INTERVAL_NANOS = 200_000_000L;

    private final String name;
    private final URI room;
    private final BrowserSession session;
    private final TreeMap<Long, JsonObject> bySeq = new TreeMap<>();
    private final Map<String, String> unacked = new LinkedHashMap<>();
    private final Map<String, Long> acked = new LinkedHashMap<>();
    private final List<Integer> closeCodes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private WebSocketTestClient socket;
    private int connections;
    private int refusedConnects;
    private int duplicateAcks;
    private int sent;
    private long lastGapRequest;
    private long lastConnectAttempt;

    /**
     * A client named {@code name} of the room at {@code room}, e.g. {@code ws://127.0.0.1:8080/ws/chat/lobby/},
     * whose handshakes carry what a browser's page would send ({@code session}: its Origin and cookie). A signed-in
     * session's account name must be {@code name}.
     */
    ResumingChatClient(String name, URI room, BrowserSession session) {
        this.name = name;
        this.room = room;
        this.session = session;
    }

    String name() {
        return name;
    }

    boolean connected() {
        return socket != null;
    }

    /** Connects (again), resuming after what it holds, and sends again what was not acknowledged; false if refused. */
    boolean connect() {
        lastConnectAttempt = System.nanoTime();
        Optional<WebSocketTestClient> opened = WebSocketTestClient.tryConnectWith(session.headers(),
                URI.create(room + "?name=" + name + "&after=" + contiguousHighest()), "parley.v1");
        if (opened.isEmpty()) {
            refusedConnects++;
            return false;
        }
        socket = opened.get();
        connections++;
        for (Map.Entry<String, String> pending : unacked.entrySet()) {
            if (!socket.trySend(post(pending.getKey(), pending.getValue()))) {
                break; // the connection is already gone: step() sees it end and reconnects
            }
        }
        return true;
    }

    /** Posts a message with a new {@code client_id}; if not connected, it goes out on the next connection. */
    void send(String text) {
        String clientId = name + "-" + (++sent);
        unacked.put(clientId, text);
        if (socket != null) {
            socket.trySend(post(clientId, text));
        }
    }

    /**
     * Handles everything received so far, asks for missing messages up to {@code roomHighest} (the room's highest
     * seq if known, else 0), and reconnects if the connection has ended.
     */
    void step(long roomHighest) {
        while (socket != null) {
            Optional<Object> next = socket.receiveWithin(0);
            if (next.isEmpty()) {
                break;
            }
            if (next.get() instanceof Closed closed) {
                closeCodes.add(closed.code());
                socket = null;
            } else {
                handle((JsonObject) next.get());
            }
        }
        if (socket == null) {
            if (System.nanoTime() - lastConnectAttempt >= RECONNECT_INTERVAL_NANOS) {
                connect();
            }
        } else {
            requestGap(roomHighest);
        }
    }

    private void handle(JsonObject frame) {
        switch (frame.getString("type", "")) {
            case "chat.message" -> keep(frame);
            case "history" -> {
                if (frame.getBoolean("reset", false)) {
                    problems.add(name + " was told to reset: it missed too much to catch up");
                }
                frame.getJsonArray("messages").forEach(message -> keep((JsonObject) message));
            }
            case "chat.ack" -> {
                String clientId = frame.getString("client_id");
                unacked.remove(clientId);
                duplicateAcks += frame.getBoolean("duplicate", false) ? 1 : 0;
                Long earlier = acked.put(clientId, frame.getLong("seq"));
                if (earlier != null && !earlier.equals(frame.getLong("seq"))) {
                    problems.add(name + "'s " + clientId + " was acked as seq " + earlier + " and as seq "
                            + frame.getLong("seq") + ": posted twice");
                }
            }
            case "error" -> {
                String clientId = frame.getString("client_id");
                if ("unavailable".equals(frame.getString("code")) && clientId != null && unacked.containsKey(clientId)) {
                    socket.trySend(post(clientId, unacked.get(clientId))); // "send it again, with the same client_id"
                } else {
                    problems.add(name + " got " + frame.encode());
                }
            }
            default -> {
                // welcome, presence, presence.join/leave, typing: not what this client checks
            }
        }
    }

    private void keep(JsonObject message) {
        long seq = message.getLong("seq");
        JsonObject seen = identity(message);
        JsonObject before = bySeq.putIfAbsent(seq, seen);
        if (before != null && !before.equals(seen)) {
            problems.add(name + " got two messages with seq " + seq + ": " + before.encode() + " and " + seen.encode());
        }
    }

    /** Asks for the first run of missing seqs (a gap, or past the end up to roomHighest) at most twice a second. */
    private void requestGap(long roomHighest) {
        long held = contiguousHighest();
        Long nextHeld = bySeq.higherKey(held);
        long before = nextHeld != null ? nextHeld : roomHighest + 1;
        if (before <= held + 1 || System.nanoTime() - lastGapRequest < GAP_REQUEST_INTERVAL_NANOS) {
            return;
        }
        lastGapRequest = System.nanoTime();
        socket.trySend(new JsonObject().put("type", "history.before").put("before", before)
                .put("limit", (int) Math.min(MAX_PAGE, before - held - 1)));
    }

    /** The highest seq such that it holds every seq from 1 to it. */
    long contiguousHighest() {
        long held = 0;
        for (long seq : bySeq.keySet()) {
            if (seq != held + 1) {
                break;
            }
            held = seq;
        }
        return held;
    }

    /** What it holds: seq to {@code {user, client_id, message}}. */
    NavigableMap<Long, JsonObject> messages() {
        return bySeq;
    }

    /** Every client_id it posted, with the seq its ack gave (the first post's, if the server saw it twice). */
    Map<String, Long> acked() {
        return acked;
    }

    int unackedCount() {
        return unacked.size();
    }

    int sentCount() {
        return sent;
    }

    /** How each of its connections ended, in order: 1012 asked to reconnect, 1006 dropped. */
    List<Integer> closeCodes() {
        return closeCodes;
    }

    int connections() {
        return connections;
    }

    /** Attempts to connect that failed: refused handshakes (such as nginx's 502) or no connection at all. */
    int refusedConnects() {
        return refusedConnects;
    }

    /** Posts sent again that the server had already stored: acked with {@code "duplicate": true}. */
    int duplicateAcks() {
        return duplicateAcks;
    }

    List<String> problems() {
        return problems;
    }

    void close() {
        if (socket != null) {
            socket.abort();
            socket = null;
        }
    }

    @Override
    public String toString() {
        return name + "{connected=" + connected() + ", connections=" + connections + ", refused=" + refusedConnects
                + ", closes=" + closeCodes + ", duplicate acks=" + duplicateAcks
                + ", holds 1.." + contiguousHighest() + " of " + bySeq.size() + (bySeq.isEmpty() ? "" : " up to "
                + bySeq.lastKey()) + ", sent=" + sent + ", unacked=" + unacked.keySet() + "}";
    }

    private static JsonObject post(String clientId, String text) {
        return new JsonObject().put("type", "chat.send").put("message", text).put("client_id", clientId);
    }

    private static JsonObject identity(JsonObject message) {
        return new JsonObject().put("user", message.getString("user")).put("client_id", message.getString("client_id"))
                .put("message", message.getString("message"));
    }
}
