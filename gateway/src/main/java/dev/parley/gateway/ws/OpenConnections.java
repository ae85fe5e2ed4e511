package dev.parley.gateway.ws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The gateway's open WebSocket connections, across its event loops, so that a drain can close them all. */
public final class OpenConnections {

    private final Set<WebSocketTransport> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private long slowClientWatch = -1;
    private long pings = -1;

    void add(WebSocketTransport transport) {
        open.add(transport);
    }

    void remove(WebSocketTransport transport) {
        open.remove(transport);
    }

    /**
     * Every second, disconnects clients whose writes have waited longer than {@code limit}: they do not read, and a
     * consumer waits for its writes, so they would hold their messages and their share of the room's deliveries.
     */
    public void watchForSlowClients(Vertx vertx, Duration limit, Runnable onDisconnect) {
        long limitNanos = limit.toNanos();
        slowClientWatch = vertx.setPeriodic(1000, timer -> {
            long now = System.nanoTime();
            for (WebSocketTransport transport : open) {
                if (transport.stalledLongerThan(limitNanos, now)) {
                    transport.disconnectSlowClient();
                    onDisconnect.run();
                }
            }
        });
    }

    /** Pings every connection at this interval: a live client answers, which keeps it from idling out. */
    public void pingEvery(Vertx vertx, Duration interval) {
        pings = vertx.setPeriodic(interval.toMillis(), timer -> open.forEach(WebSocketTransport::ping));
    }

    public int count() {
        return open.size();
    }

    /** Whether the gateway is stopping: it refuses new connections and is not ready. */
    public boolean isDraining() {
        return draining;
    }

    /**
     * Refuses new connections, closes the open ones with 1012 (service restart: reconnect elsewhere), and completes
     * when they are gone or the deadline passes.
     */
    public Future<Void> drain(Vertx vertx, Duration deadline) {
        draining = true;
        vertx.cancelTimer(slowClientWatch);
        vertx.cancelTimer(pings);
        open.forEach(WebSocketTransport::drain);
        Promise<Void> done = Promise.promise();
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        vertx.setPeriodic(20, timer -> {
            if (open.isEmpty() || System.nanoTime() > giveUpAt) {
                vertx.cancelTimer(timer);
                done.tryComplete();
            }
        });
        return done.future();
    }
}
