package dev.parley.layer.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects silent pub/sub loss: each tick the node publishes a numbered probe to its own topic and expects it back
 * before the next tick. A probe that does not come back is a gap: counted, logged once, and answered by subscribing
 * to everything again. Reconnecting is Lettuce's job; this catches what reconnecting does not.
 */
final class PubSubProbe {

    private static final Logger log = LoggerFactory.getLogger(PubSubProbe.class);

    private final String nodeId;
    private final RedisBackend backend;
    private final RedisKeys keys;
    private final Runnable resubscribe;
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private final Object lock = new Object();
    private long sequence;
    private long awaited;
    private long received;
    private volatile boolean healthy = true;

    PubSubProbe(String nodeId, RedisBackend backend, RedisKeys keys, Runnable resubscribe) {
        this.nodeId = nodeId;
        this.backend = backend;
        this.keys = keys;
        this.resubscribe = resubscribe;
    }

    void tick() {
        long next;
        boolean lost;
        synchronized (lock) {
            lost = awaited != 0 && received < awaited;
            awaited = 0;
            next = ++sequence;
        }
        if (lost) {
            gaps.incrementAndGet();
            unhealthy("a pub/sub probe did not come back; subscribing again");
            resubscribe.run();
        }
        CompletionStage<Long> published;
        try {
            published = backend.publish(nodeId, keys.nodeTopic(nodeId), NodeMessage.probe(next).encode());
        } catch (RuntimeException e) {
            published = CompletableFuture.failedFuture(e);
        }
        published.whenComplete((n, error) -> {
            if (error != null) {
                unhealthy("Redis is unreachable (" + error.getMessage() + ")");
                return;
            }
            synchronized (lock) {
                if (sequence == next) {
                    awaited = next;
                }
            }
        });
    }

    void received(long probe) {
        synchronized (lock) {
            received = Math.max(received, probe);
        }
        if (!healthy) {
            healthy = true;
            log.info("Redis pub/sub delivers again (node {}; {} gap(s) since start)", nodeId, gaps.get());
        }
    }

    /** A pub/sub message that could not be delivered (malformed, or its channel full); counted, logged at debug. */
    void countUndeliverable(String where, Throwable error) {
        undeliverable.incrementAndGet();
        log.debug("could not deliver a pub/sub message for {}: {}", where, error.toString());
    }

    boolean isHealthy() {
        return healthy;
    }

    long gaps() {
        return gaps.get();
    }

    long undeliverable() {
        return undeliverable.get();
    }

    private void unhealthy(String reason) {
        if (healthy) {
            healthy = false;
            log.warn("channel layer node {}: {}", nodeId, reason);
        }
    }
}
