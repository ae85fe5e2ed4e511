package dev.parley.layer.redis;

/**
 * Names of this layer's Redis keys and pub/sub channels. Layer names never contain {@code :}, so the parts cannot
 * run into each other. On a Redis Cluster the subject of each name is a hash tag ({@code parley:group:{room}}), so
 * a group's topic and named members, or a channel's list and wake-up topic, live in one slot and one Lua script
 * can touch them all.
 */
final class RedisKeys {

    private final String prefix;
    private final boolean hashTagged;

    RedisKeys(String prefix) {
        this(prefix, false);
    }

    RedisKeys(String prefix, boolean hashTagged) {
        this.prefix = prefix + ":";
        this.hashTagged = hashTagged;
    }

    /** The list holding a channel's undelivered messages (named channels). */
    String channelList(String channel) {
        return prefix + "chan:" + tag(channel);
    }

    /** The sorted set of a group's named-channel members, scored by expiry. */
    String namedMembers(String group) {
        return prefix + "gnamed:" + tag(group);
    }

    /** The pub/sub channel carrying a group's messages to every node with members in it. */
    String groupTopic(String group) {
        return prefix + "group:" + tag(group);
    }

    /** The pub/sub channel of one node: sends to its process-local channels, membership changes, probes, wake-ups. */
    String nodeTopic(String nodeId) {
        return prefix + "node:" + tag(nodeId);
    }

    /** The pub/sub channel telling receivers of a named channel that it has messages. */
    String wakeTopic(String channel) {
        return prefix + "wake:" + tag(channel);
    }

    /** The hash of who is in a room, and which nodes vouch for them. */
    String presence(String room) {
        return prefix + "presence:" + tag(room);
    }

    /** The counter of one key's current window ({@link RedisWindowCounter}). */
    String windowCounter(String key) {
        return prefix + "count:" + tag(key);
    }

    /** A pattern matching every key of this layer, for flush. */
    String everything() {
        return prefix + "*";
    }

    /** Which kind of topic a pub/sub channel name is, and its subject (group, node or channel name). */
    Topic parse(String topic) {
        if (!topic.startsWith(prefix)) {
            return new Topic(TopicKind.UNKNOWN, topic);
        }
        String rest = topic.substring(prefix.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return new Topic(TopicKind.UNKNOWN, topic);
        }
        String subject = rest.substring(colon + 1);
        if (hashTagged && subject.length() > 2 && subject.startsWith("{") && subject.endsWith("}")) {
            subject = subject.substring(1, subject.length() - 1);
        }
        return switch (rest.substring(0, colon)) {
            case "group" -> new Topic(TopicKind.GROUP, subject);
            case "node" -> new Topic(TopicKind.NODE, subject);
            case "wake" -> new Topic(TopicKind.WAKE, subject);
            default -> new Topic(TopicKind.UNKNOWN, topic);
        };
    }

    private String tag(String subject) {
        return hashTagged ? "{" + subject + "}" : subject;
    }

    enum TopicKind { GROUP, NODE, WAKE, UNKNOWN }

    record Topic(TopicKind kind, String subject) {
    }
}
