package dev.parley.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The live counters and latency recorders of one process. What every frame touches lives in one {@link LoopStats}
 * per event loop; the rarer events (connections, errors, refusals) are shared here. Latencies are recorded in
 * microseconds; the sampler takes interval histograms from the recorders and adds them up.
 */
final class RunStats {

    /** A send that leaves later than this behind its planned time means the generator could not keep up. */
    static final long LATE_SEND_MICROS = 50_000;

    private final List<LoopStats> loops = new ArrayList<>();

    final LongAdder attempted = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final AtomicInteger held = new AtomicInteger();
    final AtomicInteger peakHeld = new AtomicInteger();

    final LongAdder errors = new LongAdder();
    final LongAdder lateSends = new LongAdder();
    final LongAdder skippedSends = new LongAdder();
    final LongAdder gapFills = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder givenUp = new LongAdder();

    final Recorder connectLatency = new Recorder(3);
    final Recorder loopLag = new Recorder(3);

    /** Sums of everything recorded so far, kept by whoever drains the recorders (the progress printer). */
    final Histogram latencyTotal = new Histogram(3);
    final Histogram ackTotal = new Histogram(3);
    final Histogram connectTotal = new Histogram(3);
    final Histogram loopLagTotal = new Histogram(3);

    /** Error frames by their code, so a run says what the server refused, not only how often. */
    private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
    /** Measured sends the server refused with an error frame, by code (each refusal of a retried send counts). */
    private final Map<String, LongAdder> refusedCodes = new ConcurrentHashMap<>();

    RunStats(int eventLoops) {
        for (int i = 0; i < eventLoops; i++) {
            loops.add(new LoopStats());
        }
    }

    /** The stats of event loop {@code index}, written only from that loop. */
    LoopStats loop(int index) {
        return loops.get(index);
    }

    List<LoopStats> loops() {
        return loops;
    }

    long receivedAll() {
        return sum(s -> s.receivedAll.get());
    }

    long sentAll() {
        return sum(s -> s.sentAll.get());
    }

    long sent() {
        return sum(s -> s.sent.get());
    }

    long acked() {
        return sum(s -> s.acked.get());
    }

    long expected() {
        return sum(s -> s.expected.get());
    }

    long delivered() {
        return sum(s -> s.delivered.get());
    }

    long duplicates() {
        return sum(s -> s.duplicates.get());
    }

    private long sum(ToLongFunction<LoopStats> counter) {
        long sum = 0;
        for (LoopStats loop : loops) {
            sum += counter.applyAsLong(loop);
        }
        return sum;
    }

    void errorFrame(String code) {
        errors.increment();
        errorCodes.computeIfAbsent(code.isEmpty() ? "(no code)" : code, k -> new LongAdder()).increment();
    }

    void refused(String code, long count) {
        refusedCodes.computeIfAbsent(code.isEmpty() ? "(no code)" : code, k -> new LongAdder()).add(count);
    }

    Map<String, Long> errorCodeCounts() {
        return counts(errorCodes);
    }

    Map<String, Long> refusedCodeCounts() {
        return counts(refusedCodes);
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> counts = new TreeMap<>();
        adders.forEach((code, count) -> {
            if (count.sum() != 0) {
                counts.put(code, count.sum());
            }
        });
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
