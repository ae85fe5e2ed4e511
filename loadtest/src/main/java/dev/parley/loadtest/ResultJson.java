package dev.parley.loadtest;

import dev.parley.loadtest.RunResult.SharedRoom;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The {@code --json} file: the figures people read (connections, sent, expected_deliveries, delivered,
 * duplicates, latency_ms…) and the encoded histograms and intervals a merge needs.
 */
final class ResultJson {

    static final String FORMAT = "parley-loadtest/1";

    private ResultJson() {
    }

    static JsonObject write(RunResult result) {
        Counts c = result.counts();
        JsonObject json = new JsonObject()
                .put("format", FORMAT)
                .put("scenario", result.scenario())
                .put("protocol", result.options().getString("protocol"))
                .put("processes", result.processes())
                .put("duration_s", result.measuredSeconds())
                .put("connections", c.held())
                .put("connection_stats", new JsonObject().put("attempted", c.attempted()).put("held", c.held())
                        .put("peak_held", c.peakHeld()).put("failed", c.failed())
                        .put("failed_percent", c.failedPercent()).put("dropped", c.dropped())
                        .put("reconnects", c.reconnects()))
                .put("sent", c.sent())
                .put("sent_all", c.sentAll())
                .put("acked", c.acked())
                .put("expected_deliveries", c.expected())
                .put("delivered", c.delivered())
                .put("duplicates", c.duplicates())
                .put("lost", c.lost())
                .put("received_frames", c.received())
                .put("errors", c.errors())
                .put("error_codes", new JsonObject(new LinkedHashMap<>(result.errorCodes())))
                .put("refused", c.refused())
                .put("refused_codes", new JsonObject(new LinkedHashMap<>(result.refusedCodes())))
                .put("retried", c.retried())
                .put("given_up", c.givenUp())
                .put("late_sends", c.lateSends())
                .put("skipped_sends", c.skippedSends())
                .put("sent_per_s", result.sentPerSecond())
                .put("deliveries_per_s", result.deliveriesPerSecond())
                .put("latency_ms", percentiles(result.latency()))
                .put("ack_latency_ms", percentiles(result.ackLatency()))
                .put("connect_latency_ms", percentiles(result.connectLatency()))
                .put("loop_lag_ms", percentiles(result.loopLag()))
                .put("generator", new JsonObject().put("cpu_percent", result.generatorCpu())
                        .put("cpu_seconds", result.generatorCost().cpuSeconds())
                        .put("frames", result.generatorCost().frames())
                        .put("cpu_us_per_frame", result.generatorCost().cpuMicrosPerFrame())
                        .put("cores", result.cores()).put("saturated", result.generatorSaturated())
                        .put("reasons", new JsonArray(result.saturationReasons())))
                .put("generator_saturated", result.generatorSaturated())
                .put("options", result.options());
        if (result.scenario().equals("reconnect")) {
            json.put("reconnect", new JsonObject().put("seq_missing", c.seqMissing()).put("resets", c.resets())
                    .put("gap_fills", c.gapFills()).put("only_gap_filled", c.onlyGapFilled()));
        }
        result.server().ifPresent(server -> json.put("server", server(server)
                .put("cpu_us_per_message", server.cpuMicrosPer(c.sent()))
                .put("cpu_us_per_delivery", server.cpuMicrosPer(c.delivered()))));
        JsonObject rooms = new JsonObject();
        result.sharedRooms().forEach((name, room) ->
                rooms.put(name, new JsonObject().put("sent", room.sent()).put("held", room.held())));
        json.put("shared_rooms", rooms);
        json.put("histograms", new JsonObject()
                .put("latency", HistogramCodec.encode(result.latency()))
                .put("ack", HistogramCodec.encode(result.ackLatency()))
                .put("connect", HistogramCodec.encode(result.connectLatency()))
                .put("loop_lag", HistogramCodec.encode(result.loopLag())));
        JsonArray timeline = new JsonArray();
        for (IntervalSample s : result.timeline()) {
            timeline.add(new JsonObject().put("t", s.t()).put("phase", s.phase().label()).put("held", s.held())
                    .put("failed", s.failed()).put("sent_per_s", s.sentPerSecond())
                    .put("delivered_per_s", s.deliveredPerSecond()).put("frames_per_s", s.framesPerSecond())
                    .put("p50_ms", s.percentileMillis(50))
                    .put("p99_ms", s.percentileMillis(99)).put("max_ms", s.maxMillis())
                    .put("generator_cpu", s.generatorCpu()).put("loop_lag_max_ms", s.loopLagMaxMillis())
                    .put("server_cpu", s.serverCpu()).put("server_rss", s.serverRssBytes())
                    .put("latency", HistogramCodec.encode(s.latency())));
        }
        return json.put("timeline", timeline);
    }

    static JsonObject percentiles(Histogram h) {
        boolean empty = h.getTotalCount() == 0;
        return new JsonObject().put("count", h.getTotalCount())
                .put("p50", empty ? 0 : h.getValueAtPercentile(50) / 1000.0)
                .put("p90", empty ? 0 : h.getValueAtPercentile(90) / 1000.0)
                .put("p99", empty ? 0 : h.getValueAtPercentile(99) / 1000.0)
                .put("p999", empty ? 0 : h.getValueAtPercentile(99.9) / 1000.0)
                .put("max", empty ? 0 : h.getMaxValue() / 1000.0)
                .put("mean", empty ? 0 : h.getMean() / 1000.0);
    }

    private static JsonObject server(ServerFigures s) {
        JsonArray processes = new JsonArray();
        double total = s.cpuSeconds();
        for (ServerFigures.Share share : s.processes()) {
            processes.add(new JsonObject().put("pid", share.pid()).put("name", share.name())
                    .put("cpu_seconds", share.cpuSeconds())
                    .put("cpu_share", total > 0 ? share.cpuSeconds() / total : 0));
        }
        JsonObject json = new JsonObject().put("processes", processes).put("cpu_seconds", total)
                .put("cpu_percent_avg", s.cpuAveragePercent())
                .put("cpu_percent_max", s.cpuMaxPercent()).put("rss_max_bytes", s.rssMaxBytes())
                .put("connections", s.connections());
        s.rssBefore().ifPresent(v -> json.put("rss_before_bytes", v));
        s.rssAfter().ifPresent(v -> json.put("rss_after_bytes", v));
        s.heapBefore().ifPresent(v -> json.put("heap_before_bytes", v));
        s.heapAfter().ifPresent(v -> json.put("heap_after_bytes", v));
        s.heapPerConnection().ifPresent(v -> json.put("heap_per_connection_bytes", v));
        s.rssPerConnection().ifPresent(v -> json.put("rss_per_connection_bytes", v));
        return json;
    }

    /** Reads a file this class wrote; a file of another kind is an IllegalArgumentException saying so. */
    static RunResult read(JsonObject json) {
        if (!FORMAT.equals(json.getString("format"))) {
            throw new IllegalArgumentException("not a chat-loadtest result (no \"format\": \"" + FORMAT + "\")");
        }
        JsonObject cs = json.getJsonObject("connection_stats");
        JsonObject reconnect = json.getJsonObject("reconnect", new JsonObject());
        Counts counts = new Counts(cs.getLong("attempted"), cs.getLong("held"), cs.getLong("peak_held"),
                cs.getLong("failed"), cs.getLong("dropped"), cs.getLong("reconnects"), json.getLong("sent_all"),
                json.getLong("sent"), json.getLong("acked"), json.getLong("expected_deliveries"),
                json.getLong("delivered"), json.getLong("duplicates"), json.getLong("received_frames"),
                json.getLong("errors"), json.getLong("late_sends"), json.getLong("skipped_sends"),
                reconnect.getLong("seq_missing", 0L), reconnect.getLong("resets", 0L),
                reconnect.getLong("gap_fills", 0L), reconnect.getLong("only_gap_filled", 0L),
                json.getLong("refused", 0L), json.getLong("retried", 0L), json.getLong("given_up", 0L));
        JsonObject h = json.getJsonObject("histograms");
        Map<String, SharedRoom> rooms = new TreeMap<>();
        json.getJsonObject("shared_rooms", new JsonObject()).forEach(entry -> {
            JsonObject room = (JsonObject) entry.getValue();
            rooms.put(entry.getKey(), new SharedRoom(room.getLong("sent"), room.getLong("held")));
        });
        List<IntervalSample> timeline = new ArrayList<>();
        for (Object item : json.getJsonArray("timeline", new JsonArray())) {
            JsonObject s = (JsonObject) item;
            timeline.add(new IntervalSample(s.getDouble("t"), Phase.valueOf(s.getString("phase").toUpperCase(Locale.ROOT)),
                    s.getLong("held"), s.getLong("failed"), s.getDouble("sent_per_s"),
                    s.getDouble("delivered_per_s"), s.getDouble("frames_per_s", 0.0),
                    HistogramCodec.decode(s.getString("latency")),
                    s.getDouble("generator_cpu"), s.getDouble("loop_lag_max_ms"), s.getDouble("server_cpu"),
                    s.getLong("server_rss")));
        }
        JsonObject generator = json.getJsonObject("generator");
        return new RunResult(json.getJsonObject("options"), json.getString("scenario"), json.getInteger("processes"),
                json.getDouble("duration_s"), counts, HistogramCodec.decode(h.getString("latency")),
                HistogramCodec.decode(h.getString("ack")), HistogramCodec.decode(h.getString("connect")),
                HistogramCodec.decode(h.getString("loop_lag")), generator.getDouble("cpu_percent"),
                new GeneratorCost(generator.getDouble("cpu_seconds", 0.0), generator.getLong("frames", 0L)),
                generator.getInteger("cores"), Optional.ofNullable(json.getJsonObject("server")).map(ResultJson::server),
                rooms, timeline, codeCounts(json.getJsonObject("error_codes", new JsonObject())),
                codeCounts(json.getJsonObject("refused_codes", new JsonObject())));
    }

    private static Map<String, Long> codeCounts(JsonObject json) {
        Map<String, Long> codes = new TreeMap<>();
        json.forEach(entry -> codes.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
        return codes;
    }

    private static ServerFigures server(JsonObject s) {
        List<ServerFigures.Share> processes = new ArrayList<>();
        for (Object item : s.getJsonArray("processes", new JsonArray())) {
            JsonObject process = (JsonObject) item;
            processes.add(new ServerFigures.Share(process.getLong("pid"), process.getString("name", ""),
                    process.getDouble("cpu_seconds", 0.0)));
        }
        return new ServerFigures(processes, s.getDouble("cpu_percent_avg"), s.getDouble("cpu_percent_max"),
                s.getLong("rss_max_bytes"), optional(s, "rss_before_bytes"), optional(s, "rss_after_bytes"),
                optional(s, "heap_before_bytes"), optional(s, "heap_after_bytes"), s.getLong("connections"));
    }

    private static OptionalLong optional(JsonObject json, String name) {
        Long value = json.getLong(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
