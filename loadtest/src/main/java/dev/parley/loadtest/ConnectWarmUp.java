package dev.parley.loadtest;

import io.vertx.core.Context;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --warm-up-connections N}: before the users connect, opens and closes N connections to a room of their
 * own, counted nowhere. A fresh generator compiles its connect path while its first connections wait, and that
 * wait is the generator's, not the server's; warmed up, the users' connect latency is the server's.
 */
final class ConnectWarmUp {

    private static final int IN_FLIGHT = 32;

    private final Options options;
    private final List<Context> loops;
    private final SimulatedUser.Connector connector;

    ConnectWarmUp(Options options, List<Context> loops, SimulatedUser.Connector connector) {
        this.options = options;
        this.loops = loops;
        this.connector = connector;
    }

    /** Opens and closes the connections, at most {@value #IN_FLIGHT} at a time; returns how many opened. */
    int run() throws InterruptedException {
        int count = options.warmUpConnections();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicInteger opened = new AtomicInteger();
        long deadline = System.nanoTime() + options.connectTimeout().toNanos() * 2
                + TimeUnit.SECONDS.toNanos(count / 100);
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            WebSocketConnectOptions connect = connectOptions(options.urls().get(i % options.urls().size()));
            int source = i % options.sourceAddresses().clientCount();
            loops.get(i % loops.size()).runOnContext(v -> connector.connect(source, connect).onComplete(result -> {
                if (result.succeeded()) {
                    opened.incrementAndGet();
                    result.result().close().onComplete(closed -> slots.release());
                } else {
                    slots.release();
                }
            }));
        }
        slots.tryAcquire(IN_FLIGHT, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return opened.get();
    }

    private WebSocketConnectOptions connectOptions(URI target) {
        boolean secure = "wss".equals(target.getScheme());
        boolean rich = options.protocol() == Scenario.Protocol.RICH;
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(target.getHost())
                .setPort(target.getPort() > 0 ? target.getPort() : secure ? 443 : 80)
                .setSsl(secure)
                .setURI("/ws/chat/lt-" + options.runId() + "-warmup/?name=lt-warmup" + (rich ? "&history=0" : ""))
                .setTimeout(options.connectTimeout().toMillis())
                .setConnectTimeout(options.connectTimeout().toMillis());
        if (rich) {
            connect.setSubProtocols(List.of("parley.v1"));
        }
        return connect;
    }
}
