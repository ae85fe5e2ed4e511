package dev.parley.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The live counters and latency recorders of one process, written from every event loop at once. Latencies are
 * recorded in microseconds; the progress printer takes interval histograms from the recorders and adds them up.
 */
final class RunStats {

    /** A send that leaves later than this behind its planned time means the generator could not keep up. */
    static final long LATE_SEND_MICROS = 50_000;

    final LongAdder attempted = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger peakHeld = new AtomicInteger();

    final LongAdder sentAll = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder expected = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder receivedAll = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder lateSends = new LongAdder();
    final LongAdder skippedSends = new LongAdder();
    final LongAdder gapFills = new LongAdder();

    final Recorder latency = new Recorder(3);
    final Recorder ackLatency = new Recorder(3);
    final Recorder connectLatency = new Recorder(3);
    final Recorder loopLag = new Recorder(3);

    /** Sums of everything recorded so far, kept by whoever drains the recorders (the progress printer). */
    final Histogram latencyTotal = new Histogram(3);
    final Histogram ackTotal = new Histogram(3);
    final Histogram connectTotal = new Histogram(3);
    final Histogram loopLagTotal = new Histogram(3);

    /** Error frames by their code, so a run says what the server refused, not only how often. */
    final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();

    void errorFrame(String code) {
        errors.increment();
        errorCodes.computeIfAbsent(code.isEmpty() ? "(no code)" : code, k -> new LongAdder()).increment();
    }

    Map<String, Long> errorCodeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        errorCodes.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }

    void connectionHeld() {
        peakHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
    }

    void connectionLost() {
        held.decrementAndGet();
    }

    static void record(Recorder recorder, long micros) {
        recorder.recordValue(Math.max(0, micros));
    }
}
