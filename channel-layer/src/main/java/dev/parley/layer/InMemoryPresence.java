package dev.parley.layer;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Presence within one process: a count of connections per user per room. */
public final class InMemoryPresence implements Presence {

    private final Map<String, Map<String, Integer>> rooms = new HashMap<>();

    @Override
    public synchronized Future<Boolean> enter(String room, String user) {
        int before = rooms.computeIfAbsent(room, r -> new HashMap<>()).merge(user, 1, Integer::sum) - 1;
        return Future.succeededFuture(before == 0);
    }

    @Override
    public synchronized Future<Boolean> leave(String room, String user) {
        Map<String, Integer> users = rooms.get(room);
        if (users == null || !users.containsKey(user)) {
            return Future.succeededFuture(false);
        }
        boolean last = users.merge(user, -1, Integer::sum) <= 0;
        if (last) {
            users.remove(user);
            if (users.isEmpty()) {
                rooms.remove(room);
            }
        }
        return Future.succeededFuture(last);
    }

    @Override
    public synchronized Future<List<String>> users(String room) {
        return Future.succeededFuture(rooms.getOrDefault(room, Map.of()).keySet().stream().sorted().toList());
    }

    @Override
    public void onVanished(VanishedListener listener) {
        // One node: when it dies, nobody is left to tell.
    }

    @Override
    public synchronized Future<Void> close() {
        rooms.clear();
        return Future.succeededFuture();
    }
}
