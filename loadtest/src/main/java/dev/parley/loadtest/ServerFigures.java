package dev.parley.loadtest;

import java.util.List;
import java.util.OptionalLong;

/**
 * The watched server while measuring, all its processes together: CPU in percent of one core, RSS, each process's
 * CPU seconds over the measured phase, and (idle scenario) the heap after a full collection before the users
 * connected and after they all had, so per-connection costs.
 */
record ServerFigures(List<Share> processes, double cpuAveragePercent, double cpuMaxPercent, long rssMaxBytes,
                     OptionalLong rssBefore, OptionalLong rssAfter, OptionalLong heapBefore, OptionalLong heapAfter,
                     long connections) {

    /** One process's CPU over the measured phase. */
    record Share(long pid, String name, double cpuSeconds) {
    }

    /** CPU seconds of every process over the measured phase. */
    double cpuSeconds() {
        return processes.stream().mapToDouble(Share::cpuSeconds).sum();
    }

    /** Server CPU in microseconds per one of {@code count} things done while measuring, or 0 when none was. */
    double cpuMicrosPer(long count) {
        return count > 0 ? cpuSeconds() * 1e6 / count : 0;
    }

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
