package dev.parley.consumers;

import dev.parley.layer.ChannelLayer.MessageHandler;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * A consumer that hands every hook to another: the base of a {@link Middleware#wrap}. Override the hooks to watch
 * or change, and call {@code super} to pass them on.
 */
public abstract class ForwardingConsumer implements Consumer {

    protected final Consumer inner;

    protected ForwardingConsumer(Consumer inner) {
        this.inner = inner;
    }

    /** The consumer this one hands on to (perhaps itself a wrapper). */
    public Consumer inner() {
        return inner;
    }

    @Override
    public Future<Void> connect() {
        return inner.connect();
    }

    @Override
    public Future<Void> receiveText(String text) {
        return inner.receiveText(text);
    }

    @Override
    public Future<Void> receiveBinary(Buffer bytes) {
        return inner.receiveBinary(bytes);
    }

    @Override
    public Future<Void> receiveControlFrame() {
        return inner.receiveControlFrame();
    }

    @Override
    public Future<Void> disconnect(int closeCode) {
        return inner.disconnect(closeCode);
    }

    @Override
    public List<String> groups() {
        return inner.groups();
    }

    @Override
    public Map<String, MessageHandler> eventHandlers() {
        return inner.eventHandlers();
    }
}
