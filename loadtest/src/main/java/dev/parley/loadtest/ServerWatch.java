package dev.parley.loadtest;

import java.util.List;

/** The parent of child processes watching the server through settle and measure, sampling once a second. */
final class ServerWatch {

    private final ServerProcesses processes;
    private final Options options;
    private double cpuSum;
    private int cpuCount;
    private double cpuMax;
    private long rssMax;
    private List<ServerFigures.Share> shares = List.of();

    ServerWatch(ServerProcesses processes, Options options) {
        this.processes = processes;
        this.options = options;
    }

    ServerProcesses processes() {
        return processes;
    }

    /** Samples until the children's measuring ends (settle plus duration from the start signal). */
    void untilMeasureEnd() throws InterruptedException {
        long measureStart = System.nanoTime() + options.settle().toNanos();
        long end = measureStart + options.duration().toNanos();
        processes.cpuPercentSinceLast();
        boolean measuring = false;
        while (System.nanoTime() < end) {
            long wake = measuring ? end : Math.min(end, measureStart);
            Thread.sleep(Math.min(1000, Math.max(1, (wake - System.nanoTime()) / 1_000_000)));
            if (!measuring && System.nanoTime() >= measureStart) {
                measuring = true;
                processes.measureStarts();
                processes.cpuPercentSinceLast(); // averages start here too
                continue;
            }
            double cpu = processes.cpuPercentSinceLast();
            if (measuring && cpu >= 0) {
                cpuSum += cpu;
                cpuCount++;
                cpuMax = Math.max(cpuMax, cpu);
            }
            rssMax = Math.max(rssMax, processes.rssBytes().orElse(0));
        }
        shares = processes.measureEnds();
    }

    /** Each server process's CPU over the measured phase. */
    List<ServerFigures.Share> shares() {
        return shares;
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
