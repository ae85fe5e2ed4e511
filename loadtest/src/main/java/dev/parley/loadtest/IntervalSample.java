package dev.parley.loadtest;

import org.HdrHistogram.Histogram;

/**
 * One progress interval: {@code t} is the interval's end in seconds from the start of measuring (negative while
 * connecting and settling); rates are per second; {@code framesPerSecond} counts every frame the generator sent
 * or received; {@code latency} holds the interval's receipts in microseconds. Server figures are -1 when no server
 * is watched.
 */
record IntervalSample(double t, Phase phase, long held, long failed, double sentPerSecond, double deliveredPerSecond,
                      double framesPerSecond, Histogram latency, double generatorCpu, double loopLagMaxMillis,
                      double serverCpu, long serverRssBytes) {

    /** Generator CPU in microseconds per frame sent or received; 0 without frames. */
    double generatorMicrosPerFrame() {
        return framesPerSecond > 0 ? generatorCpu * 10_000 / framesPerSecond : 0;
    }

    double percentileMillis(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }

    /** The same interval of two processes: counts and rates add up, latencies merge, the server is one. */
    IntervalSample plus(IntervalSample o) {
        return new IntervalSample(t, phase, held + o.held, failed + o.failed, sentPerSecond + o.sentPerSecond,
                deliveredPerSecond + o.deliveredPerSecond, framesPerSecond + o.framesPerSecond,
                HistogramCodec.sum(latency, o.latency),
                generatorCpu + o.generatorCpu, Math.max(loopLagMaxMillis, o.loopLagMaxMillis),
                serverCpu >= 0 ? serverCpu : o.serverCpu, serverRssBytes >= 0 ? serverRssBytes : o.serverRssBytes);
    }
}
