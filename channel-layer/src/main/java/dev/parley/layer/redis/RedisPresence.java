package dev.parley.layer.redis;

import dev.parley.layer.LayerException;
import dev.parley.layer.LayerUnavailable;
import dev.parley.layer.Presence;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Presence shared by every node through Redis. Each node counts its own connections per user and room, and
 * vouches in Redis for the users it has, renewing that every {@code ttl / 4}; the users of a node that dies expire
 * after {@code ttl} and the next renewal by another node of the room reports them as vanished.
 */
public final class RedisPresence implements Presence {

    /** Users of a dead node disappear within this, plus one renewal period. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(20);

    private final Vertx vertx;
    private final RedisBackend backend;
    private final RedisKeys keys;
    private final String nodeId;
    private final Duration ttl;
    private final long renewTimer;
    private final Map<String, Map<String, Integer>> local = new HashMap<>();
    private volatile VanishedListener listener = (room, user) -> { };

    RedisPresence(Vertx vertx, RedisBackend backend, RedisKeys keys, String nodeId, Duration ttl) {
        this.vertx = vertx;
        this.backend = backend;
        this.keys = keys;
        this.nodeId = nodeId;
        this.ttl = ttl;
        this.renewTimer = vertx.setPeriodic(Math.max(1, ttl.toMillis() / 4), id -> renew());
    }

    @Override
    public Future<Boolean> enter(String room, String user) {
        CompletionStage<Long> joined;
        synchronized (local) {
            int before = local.computeIfAbsent(room, r -> new HashMap<>()).merge(user, 1, Integer::sum) - 1;
            if (before > 0) {
                return Future.succeededFuture(false);
            }
            // Issued under the lock, so this node's enter and leave of one user reach Redis in order.
            joined = run(PresenceScripts.ENTER, ScriptOutputType.INTEGER, room, user, nodeId,
                    String.valueOf(ttl.toMillis()));
        }
        return onContext(joined).map(result -> result == 1L);
    }

    @Override
    public Future<Boolean> leave(String room, String user) {
        CompletionStage<Long> left;
        synchronized (local) {
            Map<String, Integer> users = local.get(room);
            if (users == null || !users.containsKey(user)) {
                return Future.succeededFuture(false);
            }
            if (users.merge(user, -1, Integer::sum) > 0) {
                return Future.succeededFuture(false);
            }
            users.remove(user);
            if (users.isEmpty()) {
                local.remove(room);
            }
            left = run(PresenceScripts.LEAVE, ScriptOutputType.INTEGER, room, user, nodeId);
        }
        return onContext(left).map(result -> result == 1L);
    }

    @Override
    public Future<List<String>> users(String room) {
        CompletionStage<List<String>> users = run(PresenceScripts.USERS, ScriptOutputType.MULTI, room);
        return onContext(users).map(list -> list.stream().sorted().toList());
    }

    @Override
    public void onVanished(VanishedListener listener) {
        this.listener = listener;
    }

    @Override
    public Future<Void> close() {
        vertx.cancelTimer(renewTimer);
        List<Future<Long>> leaving = new ArrayList<>();
        synchronized (local) {
            local.forEach((room, users) -> users.keySet().forEach(user ->
                    leaving.add(onContext(run(PresenceScripts.LEAVE, ScriptOutputType.INTEGER, room, user, nodeId)))));
            local.clear();
        }
        return Future.join(leaving).<Void>mapEmpty().recover(e -> Future.succeededFuture());
    }

    /** Renews this node's users in every room it has some, and reports users that dead nodes left behind. */
    private void renew() {
        Map<String, List<String>> snapshot = new HashMap<>();
        synchronized (local) {
            local.forEach((room, users) -> snapshot.put(room, List.copyOf(users.keySet())));
        }
        snapshot.forEach((room, users) -> {
            List<String> args = new ArrayList<>(users.size() + 2);
            args.add(nodeId);
            args.add(String.valueOf(ttl.toMillis()));
            args.addAll(users);
            this.<List<String>>run(PresenceScripts.REFRESH, ScriptOutputType.MULTI, room, args.toArray(String[]::new))
                    .thenAccept(vanished -> vanished.forEach(user -> listener.vanished(room, user)));
        });
    }

    private <T> CompletionStage<T> run(RedisScript script, ScriptOutputType output, String room, String... args) {
        String key = keys.presence(room);
        return backend.eval(key, script, output, new String[] {key}, args);
    }

    private <T> Future<T> onContext(CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, vertx.getOrCreateContext())
                .recover(e -> Future.failedFuture(e instanceof LayerException ? e
                        : new LayerUnavailable("Redis did not answer a presence update: " + e.getMessage(), e)));
    }
}
