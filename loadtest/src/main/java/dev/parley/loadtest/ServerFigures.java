package dev.parley.loadtest;

import java.util.OptionalLong;

/**
 * The watched server while measuring: CPU in percent of one core, RSS, and (idle scenario) its heap after a full
 * collection before the users connected and after they all had, so per-connection costs.
 */
record ServerFigures(long pid, double cpuAveragePercent, double cpuMaxPercent, long rssMaxBytes,
                     OptionalLong rssBefore, OptionalLong rssAfter, OptionalLong heapBefore, OptionalLong heapAfter,
                     long connections) {

    /** Heap added per connection held, if both heaps were measured. */
    OptionalLong heapPerConnection() {
        return perConnection(heapBefore, heapAfter);
    }

    OptionalLong rssPerConnection() {
        return perConnection(rssBefore, rssAfter);
    }

    private OptionalLong perConnection(OptionalLong before, OptionalLong after) {
        if (before.isEmpty() || after.isEmpty() || connections <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((after.getAsLong() - before.getAsLong()) / connections);
    }
}
