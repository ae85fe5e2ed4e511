package dev.parley.consumers.blocking;

import dev.parley.consumers.BlockingPool;
import dev.parley.consumers.Connection;
import dev.parley.consumers.Consumer;
import dev.parley.layer.ChannelLayer.MessageHandler;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs a {@link BlockingConsumer} as a {@link Consumer}: each hook becomes a blocking call on the pool, tied to the
 * connection, whose Future the session waits for before it starts the next hook.
 */
final class BlockingAdapter implements Consumer {

    private final BlockingConsumer consumer;
    private final Connection connection;
    private final BlockingPool pool;

    BlockingAdapter(BlockingConsumer consumer, Connection connection, BlockingPool pool) {
        this.consumer = consumer;
        this.connection = connection;
        this.pool = pool;
    }

    @Override
    public Future<Void> connect() {
        return onPool(consumer::connect);
    }

    @Override
    public Future<Void> receiveText(String text) {
        return onPool(() -> consumer.receiveText(text));
    }

    @Override
    public Future<Void> receiveBinary(Buffer bytes) {
        return onPool(() -> consumer.receiveBinary(bytes));
    }

    /** Not tied to the connection's tasks, which are cancelled by now: disconnect runs to its end. */
    @Override
    public Future<Void> disconnect(int closeCode) {
        return pool.run(() -> {
            consumer.disconnect(closeCode);
            return null;
        });
    }

    @Override
    public List<String> groups() {
        return consumer.groups();
    }

    @Override
    public Map<String, MessageHandler> eventHandlers() {
        Map<String, MessageHandler> handlers = new HashMap<>();
        consumer.eventHandlers().forEach((type, handler) -> handlers.put(type, event -> onPool(() -> handler.handle(event))));
        return handlers;
    }

    private Future<Void> onPool(BlockingConnection.Task hook) {
        Callable<Void> call = () -> {
            hook.run();
            return null;
        };
        return connection.tasks().blocking(pool, call);
    }
}
