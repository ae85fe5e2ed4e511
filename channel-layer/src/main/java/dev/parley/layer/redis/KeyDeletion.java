package dev.parley.layer.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Deletes every key matching a pattern, scanning in batches so that Redis is never blocked by one big command. */
final class KeyDeletion {

    private static final int BATCH = 500;

    private KeyDeletion() {
    }

    static CompletionStage<Void> deleteMatching(RedisAsyncCommands<String, String> redis, String pattern) {
        return scanFrom(redis, ScanCursor.INITIAL, ScanArgs.Builder.matches(pattern).limit(BATCH));
    }

    private static CompletionStage<Void> scanFrom(RedisAsyncCommands<String, String> redis, ScanCursor cursor,
                                                  ScanArgs args) {
        return redis.scan(cursor, args).thenCompose((KeyScanCursor<String> page) -> {
            CompletionStage<Long> deleted = page.getKeys().isEmpty()
                    ? CompletableFuture.completedFuture(0L)
                    : redis.unlink(page.getKeys().toArray(String[]::new));
            return deleted.thenCompose(n -> page.isFinished()
                    ? CompletableFuture.<Void>completedFuture(null)
                    : scanFrom(redis, page, args));
        });
    }
}
