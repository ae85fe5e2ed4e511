package dev.parley.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Everything a run measured, in one process or merged from several. Latency histograms are in microseconds.
 *
 * @param options       the settings as run (JSON, as the report shows them)
 * @param generatorCpu  the generators' CPU while measuring, in percent of one core, summed over processes
 * @param generatorCost the generators' CPU seconds and frames while measuring, summed over processes
 * @param sharedRooms   rooms whose members live in several processes: what was sent to each here and how many
 *                      members were held here, so a merge can add the deliveries expected between processes
 * @param errorCodes    error frames received, by code
 * @param refusedCodes  refusals of measured sends, by the error frame's code
 */
record RunResult(JsonObject options, String scenario, int processes, double measuredSeconds, Counts counts,
                 Histogram latency, Histogram ackLatency, Histogram connectLatency, Histogram loopLag,
                 double generatorCpu, GeneratorCost generatorCost, int cores, Optional<ServerFigures> server,
                 Map<String, SharedRoom> sharedRooms, List<IntervalSample> timeline, Map<String, Long> errorCodes,
                 Map<String, Long> refusedCodes) {

    /** A room of several processes, as one of them saw it. */
    record SharedRoom(long sent, long held) {
    }

    /** Why the generator itself may have been the bottleneck; empty when it kept up. */
    List<String> saturationReasons() {
        List<String> reasons = new ArrayList<>();
        double capacity = 100.0 * cores;
        if (generatorCpu >= 0.9 * capacity) {
            reasons.add(String.format("generator CPU %.0f%% of %.0f%% available", generatorCpu, capacity));
        }
        if (loopLag.getTotalCount() > 0 && loopLag.getValueAtPercentile(99) > 50_000) {
            reasons.add(String.format("event-loop lag p99 %.1f ms", loopLag.getValueAtPercentile(99) / 1000.0));
        }
        // Late sends are counted while measuring, against the measured sends (churn: against every arrival).
        long scheduled = counts.sent() + (scenario.equals("churn") ? counts.attempted() : 0);
        if (counts.lateSends() > 0.01 * scheduled) {
            reasons.add(String.format("%d of %d sends or arrivals over 50 ms behind schedule", counts.lateSends(),
                    scheduled));
        }
        return reasons;
    }

    boolean generatorSaturated() {
        return !saturationReasons().isEmpty();
    }

    double deliveriesPerSecond() {
        return measuredSeconds > 0 ? counts.delivered() / measuredSeconds : 0;
    }

    double sentPerSecond() {
        return measuredSeconds > 0 ? counts.sent() / measuredSeconds : 0;
    }

    /** The same result with the server's figures, which a parent of child processes measures itself. */
    RunResult withServer(JsonObject asRun, Optional<ServerFigures> figures) {
        return new RunResult(asRun, scenario, processes, measuredSeconds, counts, latency, ackLatency, connectLatency,
                loopLag, generatorCpu, generatorCost, cores, figures, Map.of(), timeline, errorCodes, refusedCodes);
    }

    /**
     * Two processes' results of the same run (or separate runs to be read as one): counters add, histograms
     * merge, intervals line up by their time from the start of measuring.
     */
    RunResult merge(RunResult o) {
        long crossExpected = 0;
        Map<String, SharedRoom> rooms = new TreeMap<>(sharedRooms);
        for (Map.Entry<String, SharedRoom> entry : o.sharedRooms.entrySet()) {
            SharedRoom mine = sharedRooms.get(entry.getKey());
            SharedRoom theirs = entry.getValue();
            if (mine != null) {
                crossExpected += mine.sent() * theirs.held() + theirs.sent() * mine.held();
            }
            rooms.merge(entry.getKey(), theirs, (a, b) -> new SharedRoom(a.sent() + b.sent(), a.held() + b.held()));
        }
        Map<Long, IntervalSample> intervals = new TreeMap<>();
        for (IntervalSample sample : timeline) {
            intervals.merge(Math.round(sample.t()), sample, IntervalSample::plus);
        }
        for (IntervalSample sample : o.timeline) {
            intervals.merge(Math.round(sample.t()), sample, IntervalSample::plus);
        }
        return new RunResult(options.copy().put("processes", processes + o.processes), scenario,
                processes + o.processes, Math.max(measuredSeconds, o.measuredSeconds),
                counts.plus(o.counts).withExpected(crossExpected),
                HistogramCodec.sum(latency, o.latency), HistogramCodec.sum(ackLatency, o.ackLatency),
                HistogramCodec.sum(connectLatency, o.connectLatency), HistogramCodec.sum(loopLag, o.loopLag),
                generatorCpu + o.generatorCpu, generatorCost.plus(o.generatorCost), Math.max(cores, o.cores),
                server.or(o::server), rooms, List.copyOf(intervals.values()), sumByKey(errorCodes, o.errorCodes),
                sumByKey(refusedCodes, o.refusedCodes));
    }

    private static Map<String, Long> sumByKey(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new TreeMap<>(a);
        b.forEach((key, count) -> sum.merge(key, count, Long::sum));
        return sum;
    }
}
