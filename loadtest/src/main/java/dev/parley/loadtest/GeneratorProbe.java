package dev.parley.loadtest;

import io.vertx.core.Context;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The generator watching itself: its process CPU (as a percentage of one core, like top) and how late a 100 ms
 * timer fires on each of its event loops (the lag every callback there suffers).
 */
final class GeneratorProbe {

    private static final long TICK_MILLIS = 100;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long lastCpuNanos;
    private long lastWallNanos;

    GeneratorProbe() {
        lastCpuNanos = os.getProcessCpuTime();
        lastWallNanos = System.nanoTime();
    }

    /** Starts one lag timer on each event loop; lags go to {@code stats.loopLag} in microseconds. */
    void watchLoops(List<Context> loops, RunStats stats) {
        for (Context loop : loops) {
            loop.runOnContext(v -> tick(loop, stats, System.nanoTime() + TICK_MILLIS * 1_000_000));
        }
    }

    private void tick(Context loop, RunStats stats, long dueNanos) {
        loop.owner().setTimer(Math.max(1, (dueNanos - System.nanoTime()) / 1_000_000), id -> {
            long now = System.nanoTime();
            RunStats.record(stats.loopLag, (now - dueNanos) / 1000);
            tick(loop, stats, now + TICK_MILLIS * 1_000_000);
        });
    }

    /** CPU since the last call, in percent of one core (200 = two cores busy). */
    double cpuPercentSinceLast() {
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        double percent = wall > lastWallNanos ? 100.0 * (cpu - lastCpuNanos) / (wall - lastWallNanos) : 0;
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return percent;
    }

    /** The process's CPU time so far, in nanoseconds. */
    long cpuNanos() {
        return os.getProcessCpuTime();
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
