package dev.parley.gateway;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rich clients on several gateways, each sending chat messages with a client_id, one at a time, and sending the
 * same one again when it is refused ({@code unavailable}) or unanswered: as the web UI does. At the end every
 * client asks {@code history.after} for the seqs it did not receive live, and the result says what was missing
 * before and after that gap fill, and when the first message sent after a marked moment crossed gateways.
 */
final class ClusterLoad {

    private static final long PAUSE_MS = 50;
    private static final long ANSWER_WITHIN_MS = 5_000;

    private final List<Sender> senders = new ArrayList<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong firstCrossAfterMark = new AtomicLong(Long.MAX_VALUE);
    private volatile long markedAt = Long.MAX_VALUE;
    private volatile boolean running = true;

    private ClusterLoad() {
    }

    /** Connects {@code perGateway} clients to each room URL (one per gateway) and starts them sending. */
    static ClusterLoad start(List<URI> rooms, int perGateway) {
        ClusterLoad load = new ClusterLoad();
        for (int g = 0; g < rooms.size(); g++) {
            for (int c = 0; c < perGateway; c++) {
                String name = "g" + g + "u" + c;
                URI uri = URI.create(rooms.get(g) + "?name=" + name);
                WebSocketTestClient client = WebSocketTestClient.connect(uri, "parley.v1");
                client.receiveJsonOfType("history");
                load.senders.add(load.new Sender(name, "g" + g, client));
            }
        }
        load.senders.forEach(Sender::start);
        return load;
    }

    /** Marks now (the kill): the first message sent after it that crosses gateways gives the resume time. */
    long markKill() {
        long now = System.nanoTime();
        markedAt = now;
        return now;
    }

    /** Stops sending, lets what is in flight arrive, then fills every client's gaps with history.after. */
    Result stopAndFillGaps() throws InterruptedException {
        running = false;
        for (Sender sender : senders) {
            sender.join();
        }
        senders.forEach(sender -> sender.drain(2_000));
        long missingBefore = senders.stream().mapToLong(sender -> sender.missing().size()).sum();
        senders.forEach(Sender::fillGaps);
        long missingAfter = senders.stream().mapToLong(sender -> sender.missing().size()).sum();
        long cross = firstCrossAfterMark.get();
        return new Result(acked.size(), resent.get(), missingBefore, missingAfter,
                cross == Long.MAX_VALUE ? Optional.empty() : Optional.of((cross - markedAt) / 1_000_000));
    }

    /**
     * @param missingBeforeGapFill acked messages not received live, summed over the clients
     * @param missingAfterGapFill  the same after every client's history.after
     * @param resumedAfterMs       from the mark to the first live message, sent after it, that crossed gateways
     */
    record Result(long acked, long resent, long missingBeforeGapFill, long missingAfterGapFill,
                  Optional<Long> resumedAfterMs) {
    }

    /** One client: sends, and records every seq it receives, live or from history. */
    private final class Sender extends Thread {

        private final String name;
        private final String gateway;
        private final WebSocketTestClient client;
        private final Set<Long> seen = ConcurrentHashMap.newKeySet();

        Sender(String name, String gateway, WebSocketTestClient client) {
            super("cluster-load-" + name);
            this.name = name;
            this.gateway = gateway;
            this.client = client;
        }

        @Override
        public void run() {
            for (int i = 0; running; i++) {
                String clientId = name + "-" + i;
                sentAt.put(clientId, System.nanoTime());
                while (running && !post(clientId)) {
                    resent.incrementAndGet();
                    pause(100);
                }
                pause(PAUSE_MS);
            }
        }

        /** Sends one message and reads until its ack (true) or refusal / silence (false). */
        private boolean post(String clientId) {
            if (!client.trySend(new JsonObject().put("type", "chat.send").put("message", clientId)
                    .put("client_id", clientId))) {
                throw new AssertionError(name + " lost its connection");
            }
            long deadline = System.currentTimeMillis() + ANSWER_WITHIN_MS;
            while (System.currentTimeMillis() < deadline) {
                Optional<JsonObject> frame = client.receiveJsonWithin(100);
                if (frame.isEmpty()) {
                    continue;
                }
                JsonObject f = frame.get();
                String type = f.getString("type");
                if ("chat.ack".equals(type) && clientId.equals(f.getString("client_id"))) {
                    acked.add(f.getLong("seq"));
                    return true;
                }
                if ("error".equals(type) && clientId.equals(f.getString("client_id"))) {
                    if (!"unavailable".equals(f.getString("code"))) {
                        throw new AssertionError(name + " was refused: " + f);
                    }
                    return false;
                }
                record(f);
            }
            return false;
        }

        private void record(JsonObject frame) {
            if (!"chat.message".equals(frame.getString("type"))) {
                return;
            }
            seen.add(frame.getLong("seq"));
            String from = frame.getString("client_id", "");
            Long sent = sentAt.get(from);
            if (sent != null && sent > markedAt && !from.startsWith(gateway + "u")) {
                firstCrossAfterMark.accumulateAndGet(System.nanoTime(), Math::min);
            }
        }

        void drain(long quietMs) {
            while (client.receiveJsonWithin(quietMs).map(frame -> {
                record(frame);
                return true;
            }).orElse(false)) {
                // keep reading until the connection is quiet
            }
        }

        TreeSet<Long> missing() {
            TreeSet<Long> missing = new TreeSet<>(acked);
            missing.removeAll(seen);
            return missing;
        }

        /** history.after from just before each hole, until nothing acked is missing or history has no more. */
        void fillGaps() {
            TreeSet<Long> missing = missing();
            while (!missing.isEmpty()) {
                long after = missing.first() - 1;
                client.send(new JsonObject().put("type", "history.after").put("after", after).put("limit", 200));
                JsonObject history = client.receiveJsonOfType("history");
                history.getJsonArray("messages").forEach(m -> seen.add(((JsonObject) m).getLong("seq")));
                TreeSet<Long> still = missing();
                if (still.size() == missing.size()) {
                    return; // history has nothing more for these: they stay missing
                }
                missing = still;
            }
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
