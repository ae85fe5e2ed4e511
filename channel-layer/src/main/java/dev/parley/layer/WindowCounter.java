package dev.parley.layer;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Counts events per key in fixed windows, for limits that must hold for a whole deployment rather than per node
 * (how many sign-ins one address tries a minute). Each key's window starts at its first event and lasts
 * {@code window}; the next event after it starts a new one. Failures travel as failed Futures carrying a
 * {@link LayerException}.
 */
public interface WindowCounter {

    /** Counts one event for {@code key}: how many it has had in its current window, this one included. */
    Future<WindowCount> count(String key, Duration window);

    /**
     * @param count     events of the key in its current window, the one just counted included
     * @param remaining how long until that window ends
     */
    record WindowCount(long count, Duration remaining) {
    }
}
