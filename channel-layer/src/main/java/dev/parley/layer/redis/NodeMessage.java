package dev.parley.layer.redis;

import io.vertx.core.json.JsonObject;

/**
 * What one node tells another through its node topic: a message for one of its process-local channels, a group
 * membership change for one of them, or a probe the node sent itself.
 */
record NodeMessage(Kind kind, String channel, String group, JsonObject message, long probe) {

    enum Kind { SEND, GROUP_ADD, GROUP_DISCARD, PROBE }

    static NodeMessage send(String channel, JsonObject message) {
        return new NodeMessage(Kind.SEND, channel, "", message, 0);
    }

    static NodeMessage groupAdd(String group, String channel) {
        return new NodeMessage(Kind.GROUP_ADD, channel, group, new JsonObject(), 0);
    }

    static NodeMessage groupDiscard(String group, String channel) {
        return new NodeMessage(Kind.GROUP_DISCARD, channel, group, new JsonObject(), 0);
    }

    static NodeMessage probe(long sequence) {
        return new NodeMessage(Kind.PROBE, "", "", new JsonObject(), sequence);
    }

    String encode() {
        return new JsonObject().put("k", kind.name()).put("c", channel).put("g", group).put("m", message)
                .put("n", probe).encode();
    }

    /** Decodes a payload; fails with an IllegalArgumentException (or a DecodeException) if it is not one. */
    static NodeMessage decode(String payload) {
        JsonObject json = new JsonObject(payload);
        return new NodeMessage(Kind.valueOf(json.getString("k", "")), json.getString("c", ""),
                json.getString("g", ""), json.getJsonObject("m", new JsonObject()), json.getLong("n", 0L));
    }
}
