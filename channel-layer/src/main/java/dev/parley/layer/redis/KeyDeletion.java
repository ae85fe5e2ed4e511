package dev.parley.layer.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Deletes every key matching a pattern, scanning in batches so that Redis is never blocked by one big command. */
final class KeyDeletion {

    private static final int BATCH = 500;

    private KeyDeletion() {
    }

    static CompletionStage<Void> deleteMatching(RedisKeyAsyncCommands<String, String> redis, String pattern) {
        return deleteMatching(redis, keys -> redis.unlink(keys), pattern);
    }

    /**
     * Scans one server and deletes what it finds with {@code unlink}: on a Cluster each master is scanned on its
     * own, and the keys found are unlinked through the cluster connection, which splits them by slot.
     */
    static CompletionStage<Void> deleteMatching(RedisKeyAsyncCommands<String, String> scanned,
                                                Function<String[], CompletionStage<Long>> unlink, String pattern) {
        return scanFrom(scanned, unlink, ScanCursor.INITIAL, ScanArgs.Builder.matches(pattern).limit(BATCH));
    }

    private static CompletionStage<Void> scanFrom(RedisKeyAsyncCommands<String, String> redis,
                                                  Function<String[], CompletionStage<Long>> unlink,
                                                  ScanCursor cursor, ScanArgs args) {
        return redis.scan(cursor, args).thenCompose((KeyScanCursor<String> page) -> {
            CompletionStage<Long> deleted = page.getKeys().isEmpty()
                    ? CompletableFuture.completedFuture(0L)
                    : unlink.apply(page.getKeys().toArray(String[]::new));
            return deleted.thenCompose(n -> page.isFinished()
                    ? CompletableFuture.<Void>completedFuture(null)
                    : scanFrom(redis, unlink, page, args));
        });
    }
}
