package dev.parley.layer.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Chooses the Redis server of a channel or group by its name (rendezvous hashing): every node with the same list
 * of servers makes the same choice, and adding a server moves only the names that now belong to it.
 */
final class ShardRouter {

    private final List<Shard> shards;

    ShardRouter(List<Shard> shards) {
        this.shards = List.copyOf(shards);
    }

    Shard forName(String name) {
        if (shards.size() == 1) {
            return shards.get(0);
        }
        Shard best = shards.get(0);
        long bestScore = -1;
        for (Shard shard : shards) {
            CRC32 crc = new CRC32();
            crc.update((shard.url() + "\n" + name).getBytes(StandardCharsets.UTF_8));
            long score = crc.getValue();
            if (score > bestScore) {
                bestScore = score;
                best = shard;
            }
        }
        return best;
    }

    List<Shard> all() {
        return shards;
    }
}
