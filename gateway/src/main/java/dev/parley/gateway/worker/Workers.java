package dev.parley.gateway.worker;

import dev.parley.layer.LayerNames;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Which worker serves which named channel, as an application registers them before it starts:
 * {@code new Workers().register("thumbnails", ThumbnailWorker::new)}. {@code runworker CHANNEL...} runs the workers of
 * the channels it names. Filled once at start, before any worker runs; not for concurrent use.
 */
public final class Workers {

    private final SortedMap<String, Supplier<Worker>> factories = new TreeMap<>();

    /**
     * Registers the factory of the worker for a named channel; it makes one worker per process serving the channel.
     * Fails with {@link IllegalArgumentException} for a name that is not a valid channel name, contains {@code !}
     * (a process-local channel, which no other process can send to) or is registered already.
     */
    public Workers register(String channel, Supplier<Worker> factory) {
        if (!LayerNames.isValidChannel(channel) || LayerNames.isProcessLocal(channel)) {
            throw new IllegalArgumentException("a worker channel is a named channel: ASCII letters, digits, '-', '_' "
                    + "and '.', under " + LayerNames.MAX_LENGTH + " characters, without '!'; got '" + channel + "'");
        }
        if (factories.containsKey(channel)) {
            throw new IllegalArgumentException("a worker is registered for channel '" + channel + "' already");
        }
        factories.put(channel, Objects.requireNonNull(factory, "factory"));
        return this;
    }

    /** The factory registered for the channel, if any. */
    public Optional<Supplier<Worker>> factory(String channel) {
        return Optional.ofNullable(factories.get(channel));
    }

    /** Every registered channel and its factory, sorted by channel name; a read-only view. */
    public Map<String, Supplier<Worker>> asMap() {
        return Collections.unmodifiableSortedMap(factories);
    }
}
