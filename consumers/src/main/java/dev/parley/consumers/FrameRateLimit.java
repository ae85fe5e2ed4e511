package dev.parley.consumers;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * Middleware: each connection may send {@code framesPerSecond} frames a second, in bursts of twice that, of any
 * kind: text, binary, even pings and pongs. A frame over the limit never reaches the consumer; a consumer that
 * wants to tell its client implements {@link Listener}. A connection that keeps on after {@value Strikes#TO_CLOSE}
 * refusals within {@value Strikes#WINDOW_SECONDS} s is closed with 1008. On in the default stack, set by
 * {@code CHAT_FRAMES_PER_SECOND}.
 */
public final class FrameRateLimit implements Middleware {

    private final double framesPerSecond;

    /** A limit of {@code framesPerSecond}; {@link Double#POSITIVE_INFINITY} for none. */
    public FrameRateLimit(double framesPerSecond) {
        if (!(framesPerSecond > 0)) {
            throw new IllegalArgumentException("framesPerSecond must be positive, not " + framesPerSecond);
        }
        this.framesPerSecond = framesPerSecond;
    }

    /** A limit of {@code limit} frames a second; 0 for none. */
    public static FrameRateLimit perSecond(int limit) {
        return new FrameRateLimit(limit == 0 ? Double.POSITIVE_INFINITY : limit);
    }

    @Override
    public Consumer wrap(Consumer consumer, Connection connection) {
        return Double.isInfinite(framesPerSecond) ? consumer : new Limited(consumer, connection);
    }

    /** A consumer that answers the frames this middleware refused, for example with an error frame. */
    public interface Listener {

        /**
         * A frame was refused: its text, or empty for a binary frame. Never called for pings and pongs: a client
         * flooding with those may not be reading either.
         */
        Future<Void> frameRefused(Optional<String> text);
    }

    private final class Limited extends ForwardingConsumer {

        private final Connection connection;
        private final TokenBucket frames = new TokenBucket(framesPerSecond, 2 * framesPerSecond, System.nanoTime());
        private final Strikes strikes = new Strikes();
        private final Optional<Listener> listener;

        Limited(Consumer inner, Connection connection) {
            super(inner);
            this.connection = connection;
            this.listener = listenerIn(inner);
        }

        @Override
        public Future<Void> receiveText(String text) {
            return allowed() ? super.receiveText(text) : refused(Optional.of(text));
        }

        @Override
        public Future<Void> receiveBinary(Buffer bytes) {
            return allowed() ? super.receiveBinary(bytes) : refused(Optional.empty());
        }

        @Override
        public Future<Void> receiveControlFrame() {
            if (allowed()) {
                return super.receiveControlFrame();
            }
            return strikes.flooding() ? connection.close(CloseCodes.POLICY_VIOLATION, Strikes.FLOODING)
                    : Future.succeededFuture();
        }

        private boolean allowed() {
            return frames.tryTake(System.nanoTime()) || strikes.strike();
        }

        private Future<Void> refused(Optional<String> text) {
            if (strikes.flooding()) {
                return connection.close(CloseCodes.POLICY_VIOLATION, Strikes.FLOODING);
            }
            return listener.map(l -> l.frameRefused(text)).orElseGet(Future::succeededFuture);
        }
    }

    /** The first consumer in a chain of wrappers that listens for refusals. */
    private static Optional<Listener> listenerIn(Consumer consumer) {
        Consumer current = consumer;
        while (true) {
            if (current instanceof Listener listener) {
                return Optional.of(listener);
            }
            if (!(current instanceof ForwardingConsumer forwarding)) {
                return Optional.empty();
            }
            current = forwarding.inner();
        }
    }
}
