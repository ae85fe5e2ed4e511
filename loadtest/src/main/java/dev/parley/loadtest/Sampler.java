package dev.parley.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Every progress interval, drains the recorders into the run's totals and an {@link IntervalSample}, watches the
 * generator and the server, and prints the progress line.
 */
final class Sampler {

    private record Timed(long nanos, IntervalSample sample) {
    }

    private final RunStats stats;
    private final PhaseClock clock;
    private final GeneratorProbe generator;
    private final Optional<ServerProcesses> server;
    private final ProgressPrinter printer;
    private final long startNanos = System.nanoTime();
    private final List<Timed> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "progress");
        thread.setDaemon(true);
        return thread;
    });

    private long lastNanos = startNanos;
    private long lastSent;
    private long lastDelivered;
    private long lastFrames;
    private double serverCpuSum;
    private int serverCpuCount;
    private double serverCpuMax;
    private long serverRssMax;

    Sampler(RunStats stats, PhaseClock clock, GeneratorProbe generator, Optional<ServerProcesses> server,
            ProgressPrinter printer) {
        this.stats = stats;
        this.clock = clock;
        this.generator = generator;
        this.server = server;
        this.printer = printer;
    }

    void start(long intervalMillis) {
        timer.scheduleAtFixedRate(this::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer and takes a last sample, so every recorded value is in the totals. */
    void stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        Phase phase = clock.phase();
        Histogram latency = new Histogram(3);
        Histogram ack = new Histogram(3);
        for (LoopStats loop : stats.loops()) {
            latency.add(loop.latency.getIntervalHistogram());
            ack.add(loop.ackLatency.getIntervalHistogram());
        }
        stats.latencyTotal.add(latency);
        stats.ackTotal.add(ack);
        stats.connectTotal.add(stats.connectLatency.getIntervalHistogram());
        Histogram lag = stats.loopLag.getIntervalHistogram();
        if (phase == Phase.MEASURE) {
            stats.loopLagTotal.add(lag);
        }
        long sent = stats.sentAll();
        long delivered = stats.delivered();
        long frames = sent + stats.receivedAll();
        double serverCpu = server.map(ServerProcesses::cpuPercentSinceLast).orElse(-1.0);
        long rss = server.map(processes -> processes.rssBytes().orElse(-1)).orElse(-1L);
        if (phase == Phase.MEASURE && serverCpu >= 0) {
            serverCpuSum += serverCpu;
            serverCpuCount++;
            serverCpuMax = Math.max(serverCpuMax, serverCpu);
        }
        serverRssMax = Math.max(serverRssMax, rss);
        IntervalSample sample = new IntervalSample(0, phase, stats.held.get(), stats.failed.sum(),
                (sent - lastSent) / seconds, (delivered - lastDelivered) / seconds, (frames - lastFrames) / seconds,
                latency, generator.cpuPercentSinceLast(), lag.getTotalCount() == 0 ? 0 : lag.getMaxValue() / 1000.0,
                serverCpu, rss);
        lastSent = sent;
        lastDelivered = delivered;
        lastFrames = frames;
        samples.add(new Timed(now, sample));
        printer.print((now - startNanos) / 1e9, sample);
    }

    /** The samples, timed in seconds from {@code measureStartNanos}. */
    synchronized List<IntervalSample> timeline(long measureStartNanos) {
        List<IntervalSample> timeline = new ArrayList<>();
        for (Timed timed : samples) {
            IntervalSample s = timed.sample();
            timeline.add(new IntervalSample((timed.nanos() - measureStartNanos) / 1e9, s.phase(), s.held(),
                    s.failed(), s.sentPerSecond(), s.deliveredPerSecond(), s.framesPerSecond(), s.latency(),
                    s.generatorCpu(), s.loopLagMaxMillis(), s.serverCpu(), s.serverRssBytes()));
        }
        return timeline;
    }

    synchronized double serverCpuAverage() {
        return serverCpuCount == 0 ? 0 : serverCpuSum / serverCpuCount;
    }

    synchronized double serverCpuMax() {
        return serverCpuMax;
    }

    synchronized long serverRssMax() {
        return serverRssMax;
    }
}
