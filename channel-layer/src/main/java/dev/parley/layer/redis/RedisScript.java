package dev.parley.layer.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** A Lua script run by its SHA-1 ({@code EVALSHA}), sent in full only when the server does not have it yet. */
final class RedisScript {

    private final String body;
    private final String sha;

    RedisScript(String body) {
        this.body = body;
        this.sha = sha1(body);
    }

    /** Runs the script; after a Redis restart the server has forgotten it, so it is sent again ({@code EVAL}). */
    <T> CompletionStage<T> run(RedisScriptingAsyncCommands<String, String> redis, ScriptOutputType output, String[] keys,
                               String... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletionStage<T> first;
        try {
            first = redis.evalsha(sha, output, keys, args);
        } catch (RuntimeException e) {
            // Lettuce throws at once on a closed connection; callers expect a failed stage, never a throw.
            return CompletableFuture.failedFuture(e);
        }
        first.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (isNoScript(error)) {
                redis.<T>eval(body, output, keys, args).whenComplete((retried, retryError) -> {
                    if (retryError == null) {
                        result.complete(retried);
                    } else {
                        result.completeExceptionally(retryError);
                    }
                });
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    private static boolean isNoScript(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof RedisNoScriptException
                || (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }
}
