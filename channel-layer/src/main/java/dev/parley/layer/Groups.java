package dev.parley.layer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The groups of the in-memory layer: each member channel with the nanoTime its membership expires, and for each
 * channel the groups it is in, so that forgetting a closed connection's channel costs its own groups, not all.
 *
 * <p>Not thread-safe: every method runs under the lock {@link LocalChannels} holds for the groups. Empty groups are
 * removed at once, so that a group costs memory only while it has members.
 */
final class Groups {

    private final Map<String, Map<String, Long>> members = new HashMap<>();
    private final Map<String, Set<String>> groupsOf = new HashMap<>();

    /** Adds the channel, or moves its expiry forward if it is already a member. */
    void add(String group, String channel, long expiresAt) {
        members.computeIfAbsent(group, name -> new HashMap<>()).put(channel, expiresAt);
        groupsOf.computeIfAbsent(channel, name -> new HashSet<>(2)).add(group);
    }

    void discard(String group, String channel) {
        Map<String, Long> channels = members.get(group);
        if (channels != null && channels.remove(channel) != null && channels.isEmpty()) {
            members.remove(group);
        }
        unlink(channel, group);
    }

    /** The group's current members, forgetting those whose membership has expired. */
    List<String> liveMembers(String group, long now) {
        Map<String, Long> channels = members.get(group);
        if (channels == null) {
            return List.of();
        }
        dropExpired(group, channels, now);
        if (channels.isEmpty()) {
            members.remove(group);
        }
        return new ArrayList<>(channels.keySet());
    }

    /** Removes the channel from every group it is in. */
    void forget(String channel) {
        Set<String> joined = groupsOf.remove(channel);
        if (joined == null) {
            return;
        }
        for (String group : joined) {
            Map<String, Long> channels = members.get(group);
            if (channels != null && channels.remove(channel) != null && channels.isEmpty()) {
                members.remove(group);
            }
        }
    }

    /** Drops expired memberships and the groups they leave empty. */
    void sweep(long now) {
        Iterator<Map.Entry<String, Map<String, Long>>> groups = members.entrySet().iterator();
        while (groups.hasNext()) {
            Map.Entry<String, Map<String, Long>> group = groups.next();
            dropExpired(group.getKey(), group.getValue(), now);
            if (group.getValue().isEmpty()) {
                groups.remove();
            }
        }
    }

    void clear() {
        members.clear();
        groupsOf.clear();
    }

    int size() {
        return members.size();
    }

    private void dropExpired(String group, Map<String, Long> channels, long now) {
        Iterator<Map.Entry<String, Long>> memberships = channels.entrySet().iterator();
        while (memberships.hasNext()) {
            Map.Entry<String, Long> membership = memberships.next();
            if (membership.getValue() - now <= 0) {
                memberships.remove();
                unlink(membership.getKey(), group);
            }
        }
    }

    private void unlink(String channel, String group) {
        Set<String> joined = groupsOf.get(channel);
        if (joined != null && joined.remove(group) && joined.isEmpty()) {
            groupsOf.remove(channel);
        }
    }
}
