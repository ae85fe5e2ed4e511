package dev.parley.layer.redis;

/**
 * Lua scripts of {@link RedisPresence}. A room is a hash: field {@code <user>\n<node>}, value the Redis time (ms)
 * until which that node vouches for the user. A user is present while some node's field is live.
 */
final class PresenceScripts {

    private PresenceScripts() {
    }

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /** Whether another node vouches for the user. Expects {@code prefix} (user .. '\n') and {@code mine}. */
    private static final String PRESENT_ELSEWHERE = """
            local function present_elsewhere(key, prefix, mine)
              local fields = redis.call('HGETALL', key)
              for i = 1, #fields, 2 do
                if fields[i] ~= mine and string.sub(fields[i], 1, #prefix) == prefix
                    and tonumber(fields[i + 1]) > now then
                  return true
                end
              end
              return false
            end
            """;

    /** This node vouches for the user. KEYS: room hash. ARGV: user, node, ttl ms. Returns 1 if the user joined. */
    static final RedisScript ENTER = new RedisScript(NOW + PRESENT_ELSEWHERE + """
            local prefix = ARGV[1] .. '\\n'
            local mine = prefix .. ARGV[2]
            local elsewhere = present_elsewhere(KEYS[1], prefix, mine)
            redis.call('HSET', KEYS[1], mine, now + tonumber(ARGV[3]))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            if elsewhere then return 0 end
            return 1
            """);

    /** This node no longer vouches for the user. KEYS: room hash. ARGV: user, node. Returns 1 if the user left. */
    static final RedisScript LEAVE = new RedisScript(NOW + PRESENT_ELSEWHERE + """
            local prefix = ARGV[1] .. '\\n'
            local mine = prefix .. ARGV[2]
            redis.call('HDEL', KEYS[1], mine)
            if present_elsewhere(KEYS[1], prefix, mine) then return 0 end
            return 1
            """);

    /** The users some node vouches for. KEYS: room hash. Returns each once, unsorted. */
    static final RedisScript USERS = new RedisScript(NOW + """
            local fields = redis.call('HGETALL', KEYS[1])
            local users, seen = {}, {}
            for i = 1, #fields, 2 do
              if tonumber(fields[i + 1]) > now then
                local user = string.match(fields[i], '^(.*)\\n[^\\n]*$')
                if user and not seen[user] then
                  seen[user] = true
                  users[#users + 1] = user
                end
              end
            end
            return users
            """);

    /**
     * Renews this node's users and removes what dead nodes left behind. KEYS: room hash. ARGV: node, ttl ms, users…
     * Returns the users who vanished: their last live field expired here (reported once, by whichever node sweeps).
     */
    static final RedisScript REFRESH = new RedisScript(NOW + """
            local expires = now + tonumber(ARGV[2])
            for i = 3, #ARGV do
              redis.call('HSET', KEYS[1], ARGV[i] .. '\\n' .. ARGV[1], expires)
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            local fields = redis.call('HGETALL', KEYS[1])
            local live, dead = {}, {}
            for i = 1, #fields, 2 do
              local user = string.match(fields[i], '^(.*)\\n[^\\n]*$') or fields[i]
              if tonumber(fields[i + 1]) > now then
                live[user] = true
              else
                redis.call('HDEL', KEYS[1], fields[i])
                dead[#dead + 1] = user
              end
            end
            local vanished, reported = {}, {}
            for _, user in ipairs(dead) do
              if not live[user] and not reported[user] then
                reported[user] = true
                vanished[#vanished + 1] = user
              end
            end
            return vanished
            """);
}
