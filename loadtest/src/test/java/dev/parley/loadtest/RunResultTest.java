package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.parley.loadtest.RunResult.SharedRoom;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunResultTest {

    private static Histogram latencies(long... micros) {
        Histogram histogram = new Histogram(3);
        for (long value : micros) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    private static RunResult result(long sent, long expected, long delivered, Map<String, SharedRoom> rooms,
                                    Histogram latency, double t) {
        Counts counts = new Counts(10, 10, 10, 0, 0, 0, sent, sent, 0, expected, delivered, 0, delivered, 0, 0, 0,
                0, 0, 0, 0, 2, 1, 1);
        IntervalSample sample = new IntervalSample(t, Phase.MEASURE, 10, 0, sent, delivered, sent + delivered,
                latency, 20, 1, -1, -1);
        return new RunResult(new JsonObject().put("protocol", "tutorial").put("users", 10).put("room_size", 10),
                "chat", 1, 10, counts, latency, new Histogram(3), latencies(1000), new Histogram(3), 20,
                new GeneratorCost(2, sent + delivered), 2, Optional.empty(), rooms, List.of(sample),
                Map.of("unavailable", 2L), Map.of("unavailable", 2L));
    }

    @Test
    void histogramsSurviveEncoding() {
        Histogram original = latencies(100, 2_000, 35_000, 1_200_000);
        Histogram decoded = HistogramCodec.decode(HistogramCodec.encode(original));
        assertThat(decoded.getTotalCount()).isEqualTo(4);
        assertThat(decoded.getMaxValue()).isEqualTo(original.getMaxValue());
        assertThat(decoded.getValueAtPercentile(50)).isEqualTo(original.getValueAtPercentile(50));
    }

    @Test
    void mergingAddsCountsAndHistogramsAndLinesUpIntervals() {
        RunResult merged = result(5, 50, 50, Map.of(), latencies(1000, 2000), 1.02)
                .merge(result(7, 70, 69, Map.of(), latencies(90_000), 0.98));
        assertThat(merged.processes()).isEqualTo(2);
        assertThat(merged.counts().sent()).isEqualTo(12);
        assertThat(merged.counts().expected()).isEqualTo(120);
        assertThat(merged.counts().lost()).isEqualTo(1);
        assertThat(merged.latency().getTotalCount()).isEqualTo(3);
        assertThat(merged.latency().getMaxValue()).isGreaterThanOrEqualTo(90_000);
        assertThat(merged.timeline()).singleElement().satisfies(s -> {
            assertThat(s.latency().getTotalCount()).isEqualTo(3);
            assertThat(s.generatorCpu()).isEqualTo(40);
        });
        assertThat(merged.generatorCpu()).isEqualTo(40);
        assertThat(merged.generatorCost()).isEqualTo(new GeneratorCost(4, 55 + 76));
        assertThat(merged.errorCodes()).containsEntry("unavailable", 4L);
        assertThat(merged.refusedCodes()).containsEntry("unavailable", 4L);
        assertThat(merged.counts().refused()).isEqualTo(4);
    }

    @Test
    void aRoomSplitOverProcessesExpectsEachSideToReceiveTheOthersMessages() {
        RunResult a = result(4, 4 * 3, 4 * 3, Map.of("lt-x-0", new SharedRoom(4, 3)), latencies(1), 1);
        RunResult b = result(2, 2 * 5, 2 * 5, Map.of("lt-x-0", new SharedRoom(2, 5)), latencies(1), 1);
        RunResult merged = a.merge(b);
        // Local: 12 + 10; across: a's 4 messages to b's 5 members, b's 2 to a's 3.
        assertThat(merged.counts().expected()).isEqualTo(12 + 10 + 4 * 5 + 2 * 3);
        assertThat(merged.sharedRooms().get("lt-x-0")).isEqualTo(new SharedRoom(6, 8));
    }

    @Test
    void theJsonFileHasTheNamedFiguresAndReadsBackTheSame() {
        ServerFigures server = new ServerFigures(List.of(new ServerFigures.Share(42, "java chat-gateway.jar", 0.3),
                new ServerFigures.Share(43, "redis-server", 0.1)), 50, 90, 1 << 30, OptionalLong.of(100),
                OptionalLong.of(1100), OptionalLong.of(1000), OptionalLong.of(81_000), 10);
        RunResult original = result(5, 50, 50, Map.of("lt-x-1", new SharedRoom(1, 2)), latencies(1500, 2500), 1)
                .withServer(new JsonObject().put("protocol", "tutorial").put("users", 10).put("room_size", 10),
                        Optional.of(server));
        original = new RunResult(original.options(), original.scenario(), 1, 10, original.counts(),
                original.latency(), original.ackLatency(), original.connectLatency(), original.loopLag(), 20,
                original.generatorCost(), 2, original.server(), Map.of("lt-x-1", new SharedRoom(1, 2)),
                original.timeline(), original.errorCodes(), original.refusedCodes());
        JsonObject json = ResultJson.write(original);

        assertThat(json.getLong("connections")).isEqualTo(10);
        assertThat(json.getLong("sent")).isEqualTo(5);
        assertThat(json.getLong("expected_deliveries")).isEqualTo(50);
        assertThat(json.getLong("delivered")).isEqualTo(50);
        assertThat(json.getLong("duplicates")).isZero();
        assertThat(json.getJsonObject("latency_ms").fieldNames()).contains("p50", "p90", "p99", "p999", "max");
        assertThat(json.getJsonObject("latency_ms").getDouble("max")).isBetween(2.49, 2.51);
        assertThat(json.getJsonObject("ack_latency_ms")).isNotNull();
        assertThat(json.getJsonObject("connect_latency_ms").getLong("count")).isEqualTo(1);
        assertThat(json.getBoolean("generator_saturated")).isFalse();
        assertThat(json.getJsonObject("server").getLong("heap_per_connection_bytes")).isEqualTo(8000);
        assertThat(json.getJsonObject("server").getDouble("cpu_us_per_message")).as("0.4 s over 5 messages")
                .isCloseTo(80_000, offset(0.01));
        assertThat(json.getJsonObject("server").getDouble("cpu_us_per_delivery")).isCloseTo(8_000,
                offset(0.01));
        assertThat(json.getJsonObject("server").getJsonArray("processes").getJsonObject(1).getDouble("cpu_share"))
                .isCloseTo(0.25, offset(1e-9));
        assertThat(json.getJsonObject("generator").getDouble("cpu_us_per_frame")).as("2 s over 55 frames")
                .isCloseTo(2e6 / 55, offset(0.01));
        assertThat(json.getLong("refused")).isEqualTo(2);
        assertThat(json.getJsonObject("refused_codes").getLong("unavailable")).isEqualTo(2);

        RunResult read = ResultJson.read(new JsonObject(json.encode()));
        assertThat(read.counts()).isEqualTo(original.counts());
        assertThat(read.latency().getTotalCount()).isEqualTo(2);
        assertThat(read.server()).contains(server);
        assertThat(read.sharedRooms()).isEqualTo(original.sharedRooms());
        assertThat(read.timeline()).hasSize(1);
        assertThat(read.errorCodes()).isEqualTo(Map.of("unavailable", 2L));
        assertThat(read.refusedCodes()).isEqualTo(Map.of("unavailable", 2L));
        assertThat(read.generatorCost()).isEqualTo(original.generatorCost());
        assertThat(read.timeline().get(0).framesPerSecond()).isEqualTo(55);
    }

    @Test
    void aGeneratorNearlyOutOfCpuFlagsItself() {
        RunResult busy = result(5, 50, 50, Map.of(), latencies(1), 1);
        busy = new RunResult(busy.options(), busy.scenario(), 1, 10, busy.counts(), busy.latency(),
                busy.ackLatency(), busy.connectLatency(), latencies(80_000, 90_000), 190, busy.generatorCost(), 2,
                Optional.empty(), Map.of(), busy.timeline(), Map.of(), Map.of());
        assertThat(busy.generatorSaturated()).isTrue();
        assertThat(busy.saturationReasons()).hasSize(2);
    }
}
