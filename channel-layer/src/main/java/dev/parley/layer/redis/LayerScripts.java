package dev.parley.layer.redis;

/**
 * The Lua scripts that make each layer operation one atomic Redis command. Time comes from Redis ({@code TIME}),
 * so expiry does not depend on the nodes' clocks. List entries are {@code <expires-at-ms>|<json>}.
 */
final class LayerScripts {

    private LayerScripts() {
    }

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /**
     * Queues a message on a channel list unless it is full. KEYS: list. ARGV: json, capacity, message expiry ms,
     * wake topic ('' for none), wake payload, publish command (PUBLISH, or SPUBLISH on a Cluster). Returns 1 when
     * queued, 0 when full.
     */
    static final RedisScript SEND = new RedisScript(NOW + """
            local key = KEYS[1]
            while true do
              local head = redis.call('LINDEX', key, 0)
              if not head then break end
              local expires = tonumber(string.match(head, '^(%d+)|'))
              if expires and expires <= now then redis.call('LPOP', key) else break end
            end
            if redis.call('LLEN', key) >= tonumber(ARGV[2]) then return 0 end
            redis.call('RPUSH', key, (now + tonumber(ARGV[3])) .. '|' .. ARGV[1])
            redis.call('PEXPIRE', key, ARGV[3])
            if ARGV[4] ~= '' then redis.call(ARGV[6], ARGV[4], ARGV[5]) end
            return 1
            """);

    /** Takes the oldest unexpired message of a channel list. KEYS: list. Returns its json, or nil when none. */
    static final RedisScript TAKE = new RedisScript(NOW + """
            while true do
              local head = redis.call('LPOP', KEYS[1])
              if not head then return false end
              local bar = string.find(head, '|', 1, true)
              local expires = tonumber(string.sub(head, 1, bar - 1))
              if expires > now then return string.sub(head, bar + 1) end
            end
            """);

    /**
     * Publishes a group message to every node listening and returns the group's live named-channel members, which
     * need a send each. KEYS: named-members set. ARGV: group topic, payload, publish command (PUBLISH, or SPUBLISH
     * on a Cluster, where the topic shares the set's hash tag).
     */
    static final RedisScript GROUP_SEND = new RedisScript(NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call(ARGV[3], ARGV[1], ARGV[2])
            return redis.call('ZRANGE', KEYS[1], 0, -1)
            """);

    /** Adds or refreshes a named-channel member. KEYS: named-members set. ARGV: channel, group expiry ms. */
    static final RedisScript GROUP_ADD = new RedisScript(NOW + """
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """);
}
