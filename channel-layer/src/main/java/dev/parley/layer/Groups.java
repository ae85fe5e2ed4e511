package dev.parley.layer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups of the in-memory layer: each member channel with the nanoTime its membership expires.
 *
 * <p>Not thread-safe: every method runs under the lock of {@link LocalChannels}. Empty groups are removed
 * at once, so that a group costs memory only while it has members.
 */
final class Groups {

    private final Map<String, Map<String, Long>> members = new HashMap<>();

    /** Adds the channel, or moves its expiry forward if it is already a member. */
    void add(String group, String channel, long expiresAt) {
        members.computeIfAbsent(group, name -> new HashMap<>()).put(channel, expiresAt);
    }

    void discard(String group, String channel) {
        Map<String, Long> channels = members.get(group);
        if (channels != null && channels.remove(channel) != null && channels.isEmpty()) {
            members.remove(group);
        }
    }

    /** The group's current members, forgetting those whose membership has expired. */
    List<String> liveMembers(String group, long now) {
        Map<String, Long> channels = members.get(group);
        if (channels == null) {
            return List.of();
        }
        channels.values().removeIf(expiresAt -> expiresAt - now <= 0);
        if (channels.isEmpty()) {
            members.remove(group);
        }
        return new ArrayList<>(channels.keySet());
    }

    /** Removes the channel from every group. */
    void forget(String channel) {
        members.values().removeIf(channels -> channels.remove(channel) != null && channels.isEmpty());
    }

    /** Drops expired memberships and the groups they leave empty. */
    void sweep(long now) {
        members.values().removeIf(channels -> {
            channels.values().removeIf(expiresAt -> expiresAt - now <= 0);
            return channels.isEmpty();
        });
    }

    void clear() {
        members.clear();
    }

    int size() {
        return members.size();
    }
}
