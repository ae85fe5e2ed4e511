package dev.parley.loadtest;

/** The parent of child processes watching the server through settle and measure, sampling once a second. */
final class ServerWatch {

    private final ServerProbe probe;
    private final Options options;
    private double cpuSum;
    private int cpuCount;
    private double cpuMax;
    private long rssMax;

    ServerWatch(ServerProbe probe, Options options) {
        this.probe = probe;
        this.options = options;
    }

    ServerProbe probe() {
        return probe;
    }

    /** Samples until the children's measuring ends (settle plus duration from the start signal). */
    void untilMeasureEnd() throws InterruptedException {
        long measureStart = System.nanoTime() + options.settle().toNanos();
        long end = measureStart + options.duration().toNanos();
        probe.cpuPercentSinceLast();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            double cpu = probe.cpuPercentSinceLast();
            if (System.nanoTime() > measureStart && cpu >= 0) {
                cpuSum += cpu;
                cpuCount++;
                cpuMax = Math.max(cpuMax, cpu);
            }
            rssMax = Math.max(rssMax, probe.rssBytes().orElse(0));
        }
    }

    double cpuAverage() {
        return cpuCount == 0 ? 0 : cpuSum / cpuCount;
    }

    double cpuMax() {
        return cpuMax;
    }

    long rssMax() {
        return rssMax;
    }
}
