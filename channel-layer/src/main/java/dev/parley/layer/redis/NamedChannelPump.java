package dev.parley.layer.redis;

import dev.parley.layer.ChannelLayer.MessageHandler;
import dev.parley.layer.ChannelLayer.Receiver;
import dev.parley.layer.InMemoryChannelLayer;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Feeds this node's receivers of one named channel from its Redis list. It takes a message only when a local
 * receiver is free, so messages it has not taken stay in Redis for receivers on other nodes: each message goes
 * to exactly one receiver in the whole layer. It takes again when woken by a send, when a receiver finishes,
 * and on a periodic poll that covers wake-ups lost while Redis was away.
 */
final class NamedChannelPump {

    private final String channel;
    private final RedisBackend backend;
    private final RedisKeys keys;
    private final InMemoryChannelLayer local;
    private final Runnable onEmpty;
    private final Object lock = new Object();
    private int receivers;
    private int inFlight;
    private boolean taking;
    private boolean stopped;

    NamedChannelPump(String channel, RedisBackend backend, RedisKeys keys, InMemoryChannelLayer local,
                     Runnable onEmpty) {
        this.channel = channel;
        this.backend = backend;
        this.keys = keys;
        this.local = local;
        this.onEmpty = onEmpty;
    }

    /** Listens for wake-ups; completes when subscribed. */
    CompletionStage<Void> start() {
        return backend.subscribe(channel, keys.wakeTopic(channel));
    }

    /** Adds a local receiver, registered on the calling context. */
    Future<Receiver> addReceiver(MessageHandler handler) {
        MessageHandler counted = message -> {
            Future<Void> handled;
            try {
                handled = handler.handle(message);
            } catch (RuntimeException e) {
                handled = Future.failedFuture(e);
            }
            return (handled == null ? Future.<Void>succeededFuture() : handled).andThen(done -> finished());
        };
        synchronized (lock) {
            receivers++;
        }
        return local.receive(channel, counted)
                .map(receiver -> {
                    take();
                    return (Receiver) () -> receiver.stop().andThen(v -> removeReceiver());
                })
                .onFailure(e -> removeReceiver());
    }

    /** Takes messages from Redis while a local receiver is free. */
    void take() {
        synchronized (lock) {
            if (stopped || taking || inFlight >= receivers) {
                return;
            }
            taking = true;
        }
        backend.<String>eval(channel, LayerScripts.TAKE, ScriptOutputType.VALUE,
                        new String[] {keys.channelList(channel)})
                .whenComplete((json, error) -> {
                    boolean more;
                    synchronized (lock) {
                        taking = false;
                        more = error == null && json != null && !stopped;
                        if (more) {
                            inFlight++;
                        }
                    }
                    if (more) {
                        local.send(channel, new JsonObject(json)).onFailure(e -> finished());
                        take();
                    }
                });
    }

    private void finished() {
        synchronized (lock) {
            inFlight = Math.max(0, inFlight - 1);
        }
        take();
    }

    private void removeReceiver() {
        boolean empty;
        synchronized (lock) {
            receivers--;
            empty = receivers <= 0 && !stopped;
            if (empty) {
                stopped = true;
            }
        }
        if (empty) {
            backend.unsubscribe(List.of(new RedisBackend.Route(channel, keys.wakeTopic(channel))));
            onEmpty.run();
        }
    }

    /** Subscribes again to wake-ups, after pub/sub was seen to lose messages. */
    void resubscribe() {
        backend.subscribe(channel, keys.wakeTopic(channel));
    }

    /** Releases the pump when the layer closes. */
    void stop() {
        synchronized (lock) {
            stopped = true;
        }
    }
}
