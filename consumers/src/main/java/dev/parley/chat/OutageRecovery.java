package dev.parley.chat;

import dev.parley.layer.ChannelLayer;
import dev.parley.store.MessageStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's part in getting chat past a Redis outage (docs/channel-layer.md, "When Redis goes away"). While the layer
 * is unavailable, posts are stored and reach this node's members; other nodes' members get them back two ways, both
 * as a {@link LatestSeq} that makes each connection read what it lacks from the store:
 *
 * <ul>
 *   <li>this node remembers each room whose rows it could not publish, with the latest seq, and announces it to the
 *   room's group once the layer is healthy again (retrying until the announcement is published);</li>
 *   <li>when this node's own layer turns healthy again after being unhealthy, it reads each room's latest seq where
 *   it has members, and tells them: what other nodes published while this node was not listening.</li>
 * </ul>
 *
 * One per node and chat route; safe from any thread.
 */
public final class OutageRecovery {

    /** How often the layer's health is looked at (a boolean read). */
    static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final Vertx vertx;
    private final ChannelLayer layer;
    private final CatchUpReads reads;
    private final Map<String, Long> unpublished = new ConcurrentHashMap<>();
    private final Set<String> announcing = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private volatile boolean wasHealthy = true;

    OutageRecovery(Vertx vertx, ChannelLayer layer, CatchUpReads reads) {
        this.vertx = vertx;
        this.layer = layer;
        this.reads = reads;
    }

    /** Starts watching the layer's health; the timer ends with Vert.x. */
    public static OutageRecovery start(Vertx vertx, ChannelLayer layer, MessageStore store) {
        OutageRecovery recovery = new OutageRecovery(vertx, layer, new CatchUpReads(store));
        vertx.setPeriodic(CHECK_EVERY.toMillis(), id -> recovery.check());
        return recovery;
    }

    CatchUpReads reads() {
        return reads;
    }

    /** A connection of this node joined the room; {@code channel} is its process-local channel. */
    void joined(String room, String channel) {
        members.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(channel);
    }

    /** The connection left the room. */
    void left(String room, String channel) {
        members.computeIfPresent(room, (r, channels) -> {
            channels.remove(channel);
            return channels.isEmpty() ? null : channels;
        });
    }

    /** Rooms this node's connections are in. */
    Set<String> rooms() {
        return Set.copyOf(members.keySet());
    }

    /** A row of the room, up to {@code seq}, was stored and not published to the other nodes: announce it later. */
    void unpublished(String room, long seq) {
        unpublished.merge(room, seq, Math::max);
    }

    /** Rooms with rows not announced yet, and their latest seq. */
    Map<String, Long> pending() {
        return Map.copyOf(unpublished);
    }

    /**
     * Sends a room event to this node's members of the room through their own channels (which a networked layer
     * delivers in the node, without its backend): for when the layer refused a group send outright.
     */
    Future<Void> deliverHere(String room, JsonObject event) {
        Set<String> channels = members.getOrDefault(room, Set.of());
        return Future.join(channels.stream().map(channel -> layer.send(channel, event)).toList()).mapEmpty();
    }

    /** One look at the layer: announce what is pending if it is healthy, and catch up if it just came back. */
    void check() {
        boolean healthy = layer.isHealthy();
        boolean cameBack = healthy && !wasHealthy;
        wasHealthy = healthy;
        if (!healthy) {
            return;
        }
        if (cameBack) {
            members.keySet().forEach(this::tellMembersTheLatest);
        }
        unpublished.forEach(this::announce);
    }

    private void announce(String room, long seq) {
        if (!announcing.add(room)) {
            return;
        }
        layer.groupSend(RoomName.group(room), new LatestSeq(room, seq).toEvent())
                .onSuccess(v -> unpublished.remove(room, seq))
                .onComplete(v -> announcing.remove(room));
    }

    private void tellMembersTheLatest(String room) {
        reads.latestSeq(room, vertx.getOrCreateContext())
                .onSuccess(seq -> deliverHere(room, new LatestSeq(room, seq).toEvent()));
    }
}
