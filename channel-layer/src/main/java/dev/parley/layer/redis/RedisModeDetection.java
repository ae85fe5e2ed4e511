package dev.parley.layer.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Asks each Redis URL whether it is a node of a Redis Cluster ({@code INFO cluster}, {@code cluster_enabled:1}),
 * and connects the backend that fits: all cluster nodes are seeds of one {@link ClusterBackend}; all standalone
 * servers are spread over by name ({@link ShardedBackend}); a mix is refused.
 */
final class RedisModeDetection {

    private RedisModeDetection() {
    }

    static CompletionStage<RedisBackend> connect(List<String> urls, ClientResources resources, ClientOptions options) {
        List<CompletableFuture<Boolean>> asking = urls.stream()
                .map(url -> isClusterNode(url, resources, options).toCompletableFuture()).toList();
        return CompletableFuture.allOf(asking.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            List<String> cluster = new ArrayList<>();
            List<String> standalone = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                (asking.get(i).join() ? cluster : standalone).add(urls.get(i));
            }
            if (!cluster.isEmpty() && !standalone.isEmpty()) {
                throw new MixedRedisModes(cluster, standalone);
            }
            if (!cluster.isEmpty()) {
                return ClusterBackend.connect(cluster, resources, options);
            }
            List<CompletableFuture<Shard>> connecting = urls.stream()
                    .map(url -> Shard.connect(url, resources, options).toCompletableFuture()).toList();
            return CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
                    .<RedisBackend>thenApply(done -> new ShardedBackend(connecting.stream().map(CompletableFuture::join).toList()))
                    .whenComplete((backend, error) -> {
                        if (error != null) {
                            connecting.forEach(c -> c.thenAccept(Shard::close));
                        }
                    });
        });
    }

    private static CompletionStage<Boolean> isClusterNode(String url, ClientResources resources, ClientOptions options) {
        RedisURI uri = RedisURI.create(url);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(options);
        return client.connectAsync(StringCodec.UTF8, uri)
                .thenCompose(connection -> connection.async().info("cluster")
                        // A server that refuses INFO (renamed away on some hosted Redis) is taken as standalone.
                        .handle((info, error) -> {
                            connection.closeAsync();
                            if (error != null && !(rootCause(error) instanceof RedisCommandExecutionException)) {
                                throw error instanceof CompletionException c ? c : new CompletionException(error);
                            }
                            return error == null ? info : "";
                        }))
                .thenApply(info -> info.lines().anyMatch(line -> line.strip().equals("cluster_enabled:1")))
                .whenComplete((cluster, error) -> client.shutdownAsync());
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root instanceof CompletionException && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** {@code CHAT_REDIS_URL} lists nodes of a Redis Cluster together with standalone servers. */
    static final class MixedRedisModes extends IllegalArgumentException {
        MixedRedisModes(List<String> cluster, List<String> standalone) {
            super("the Redis URLs mix nodes of a Redis Cluster (" + where(cluster)
                    + ") with standalone servers (" + where(standalone)
                    + "); list either nodes of one cluster (seeds) or standalone servers only");
        }

        /** Host and port only: URLs may hold passwords. */
        private static String where(List<String> urls) {
            return String.join(", ", urls.stream().map(RedisURI::create).map(u -> u.getHost() + ":" + u.getPort()).toList());
        }
    }
}
