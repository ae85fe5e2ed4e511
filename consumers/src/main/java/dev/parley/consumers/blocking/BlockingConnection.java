package dev.parley.consumers.blocking;

import dev.parley.consumers.BlockingPool;
import dev.parley.consumers.Connection;
import dev.parley.consumers.ConnectionClosed;
import dev.parley.consumers.Scope;
import dev.parley.consumers.ScheduledTask;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A {@link BlockingConsumer}'s connection: {@link Connection}'s operations as blocking calls, for use from its hooks
 * on pool threads.
 *
 * <p>Each call hops to the connection's event loop, does the operation there, and <b>waits for it to complete</b>
 * before it returns: {@link #send} returns once the frame is handed to the socket (waiting while a slow client
 * catches up, which throttles a consumer that sends faster than its client reads), {@link #groupAdd} once the layer
 * has the membership. A failure is thrown where it happened, as the unchecked exception the async operation failed
 * with ({@link ConnectionClosed} when sending on a closed connection, a {@code LayerException} from the layer).
 * A call interrupted because the connection closed throws {@link ConnectionClosed}, with the thread's interrupt
 * flag set. Calling from an event loop throws {@link IllegalStateException}: it would wait for itself.
 */
public final class BlockingConnection {

    private final Connection connection;
    private final BlockingPool pool;

    BlockingConnection(Connection connection, BlockingPool pool) {
        this.connection = connection;
        this.pool = pool;
    }

    /** Who connected, where to, and how. */
    public Scope scope() {
        return connection.scope();
    }

    /** This connection's channel on the layer; messages sent to it reach {@link BlockingConsumer#eventHandlers}. */
    public String channelName() {
        return connection.channelName();
    }

    /** Completes the handshake without a subprotocol. Throws unless the handshake is still pending. */
    public void accept() {
        await(Connection::accept);
    }

    /** Completes the handshake choosing one of the subprotocols the client offered. */
    public void accept(String subprotocol) {
        await(c -> c.accept(subprotocol));
    }

    /** Sends a text frame; returns once the transport has taken it. Throws {@link ConnectionClosed} unless open. */
    public void send(String text) {
        await(c -> c.send(text));
    }

    /** Sends a JSON object as a text frame. */
    public void sendJson(JsonObject frame) {
        await(c -> c.sendJson(frame));
    }

    /**
     * Closes the connection with a code from {@link dev.parley.consumers.CloseCodes} and a reason; before
     * {@link #accept} this refuses the handshake with HTTP 403. The hook goes on until it returns;
     * {@link BlockingConsumer#disconnect} follows.
     */
    public void close(int code, String reason) {
        await(c -> c.close(code, reason));
    }

    /** Joins a group; the connection leaves it by itself when it ends. */
    public void groupAdd(String group) {
        await(c -> c.groupAdd(group));
    }

    /** Leaves a group. */
    public void groupDiscard(String group) {
        await(c -> c.groupDiscard(group));
    }

    /** Sends a message to another channel on the layer. */
    public void channelSend(String channel, JsonObject message) {
        await(c -> c.layer().send(channel, message));
    }

    /** Sends a message to every channel in a group. */
    public void groupSend(String group, JsonObject message) {
        await(c -> c.layer().groupSend(group, message));
    }

    /**
     * Runs the task once, {@code delay} from now, on a pool thread, in turn with the hooks (never during one);
     * cancelled if the connection closes first. A task that throws closes the connection with 1011.
     */
    public ScheduledTask after(Duration delay, Task task) {
        return connection.tasks().after(delay, () -> onPool(task));
    }

    /**
     * Runs the task every {@code period} (counted from the end of one run to the start of the next), on a pool
     * thread, in turn with the hooks, until cancelled or the connection closes.
     */
    public ScheduledTask every(Duration period, Task task) {
        return connection.tasks().every(period, () -> onPool(task));
    }

    /**
     * Anything else the async {@link Connection} can do: runs {@code action} with it on the connection's event loop
     * and waits for the Future it returns. For example {@code connection.call(c -> c.layer().flush())}.
     */
    public <T> T call(Function<Connection, Future<T>> action) {
        return await(action);
    }

    private Future<Void> onPool(Task task) {
        return connection.tasks().blocking(pool, () -> {
            task.run();
            return null;
        });
    }

    private <T> T await(Function<Connection, Future<T>> action) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("BlockingConnection waits: call it from a blocking hook, not from an event loop");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        connection.context().runOnContext(v -> {
            try {
                action.apply(connection).onComplete(outcome -> {
                    if (outcome.succeeded()) {
                        result.complete(outcome.result());
                    } else {
                        result.completeExceptionally(outcome.cause());
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosed("interrupted while waiting for the connection: it closed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CompletionException(cause);
        }
    }

    /** Work for {@link #after} and {@link #every}; it may block and throw. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }
}
