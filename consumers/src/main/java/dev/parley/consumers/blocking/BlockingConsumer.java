package dev.parley.consumers.blocking;

import dev.parley.consumers.BlockingPool;
import dev.parley.consumers.Consumer;
import dev.parley.consumers.ConsumerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A consumer whose hooks are plain blocking code, like Channels' {@code SyncConsumer}: they may query a database
 * over JDBC, call a blocking HTTP client or sleep, and they return when done. Every hook does nothing by default.
 *
 * <pre>{@code
 * final class ReportConsumer implements BlockingConsumer {
 *     private final BlockingConnection connection;
 *     private final DataSource db;
 *
 *     ReportConsumer(BlockingConnection connection, DataSource db) {
 *         this.connection = connection;
 *         this.db = db;
 *     }
 *
 *     public void receiveText(String reportName) throws Exception {
 *         try (var sql = db.getConnection()) {
 *             connection.send(runReport(sql, reportName)); // returns once the frame is handed to the socket
 *         }
 *     }
 * }
 *
 * ConsumerFactory factory = BlockingConsumer.factory(blockingPool, c -> new ReportConsumer(c, db));
 * }</pre>
 *
 * <p><b>Threads.</b> Each hook runs on a {@link BlockingPool} thread, never on an event loop, so a blocked hook
 * holds up only its own connection. Hooks of one connection still run one at a time, in arrival order, like an
 * ordinary {@link Consumer}'s (the session starts the next when the previous has returned), though perhaps each
 * on a different thread; the hand-over between them makes a hook's field writes visible to the next, so the
 * consumer's fields need no locks or {@code volatile}. The constructor, {@link #groups} and {@link #eventHandlers}
 * run on the event loop: keep them quick, and do blocking set-up in {@link #connect}.
 *
 * <p><b>Failures.</b> A hook that throws closes the connection with 1011, or refuses the handshake with 500
 * from {@link #connect}, like an async hook that fails.
 *
 * <p><b>Closing.</b> When the connection closes, a hook still running is interrupted ({@link Thread#interrupt}:
 * {@code Thread.sleep}, {@code Object.wait}, interruptible I/O and {@link BlockingConnection}'s own calls throw)
 * and whatever it then does is ignored; hooks queued behind it do not run. Then {@link #disconnect} runs, on a pool
 * thread, uninterrupted. A hook that ignores interrupts delays {@code disconnect} until it returns.
 *
 * <p>Control frames (pings) are not passed to blocking consumers.
 */
public interface BlockingConsumer {

    /**
     * The handshake arrived. Call {@link BlockingConnection#accept} or {@link BlockingConnection#close}; if neither
     * is called by the time this returns, the connection is accepted without a subprotocol.
     */
    default void connect() throws Exception {
    }

    /** A text frame arrived. */
    default void receiveText(String text) throws Exception {
    }

    /** A binary frame arrived. */
    default void receiveBinary(Buffer bytes) throws Exception {
    }

    /**
     * The connection is gone; runs once, after everything else, and is not interrupted. The connection can no
     * longer send, but the layer and {@link dev.parley.consumers.BlockingPool#run} still work.
     */
    default void disconnect(int closeCode) throws Exception {
    }

    /** Groups joined before {@link #connect} and left after {@link #disconnect}; called once, on the event loop. */
    default List<String> groups() {
        return List.of();
    }

    /**
     * Handlers for channel-layer events, by event {@code type}, run on pool threads in turn with the hooks; called
     * once, on the event loop. An event of another type is logged and dropped. While a handler blocks, events queue
     * in the connection's channel, and senders get {@code ChannelFull} once it holds the layer's capacity.
     */
    default Map<String, BlockingHandler> eventHandlers() {
        return Map.of();
    }

    /**
     * Makes a {@link ConsumerFactory} for a route: for each connection, {@code make} receives the connection and
     * returns the consumer (on the event loop: no blocking there). One pool serves every route of a {@link Vertx}.
     */
    static ConsumerFactory factory(BlockingPool pool, Function<BlockingConnection, ? extends BlockingConsumer> make) {
        return connection -> {
            BlockingConnection blocking = new BlockingConnection(connection, pool);
            return new BlockingAdapter(make.apply(blocking), connection, pool);
        };
    }
}
