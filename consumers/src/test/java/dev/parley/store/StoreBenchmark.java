package dev.parley.store;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Durable messages per second and append latency, by hand (never a test): each of N senders appends its next
 * message as soon as the previous one is committed, for a while, against the given database. See
 * docs/benchmarks.md for the command and the figures.
 *
 * <p>Arguments: {@code <r2dbc-url or "embedded"> [senders,...] [seconds] [rooms]}, for example
 * {@code r2dbc:postgresql://postgres@127.0.0.1:5432/bench 1,100,1000 10 10}.
 */
public final class StoreBenchmark {

    /** Long enough for the JIT to finish compiling the hot paths, which otherwise counts as the store's CPU. */
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("usage: StoreBenchmark <r2dbc-url|embedded> [senders,...=1,100,1000] [seconds=10] [rooms=10]");
            return;
        }
        StoreSettings settings = args[0].equals("embedded")
                ? StoreSettings.embedded(java.nio.file.Files.createTempDirectory("parley-bench"))
                : StoreSettings.postgres(args[0]);
        int[] senderCounts = Arrays.stream((args.length > 1 ? args[1] : "1,100,1000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
        int rooms = args.length > 3 ? Integer.parseInt(args[3]) : 10;

        Vertx vertx = Vertx.vertx();
        MessageStore store = R2dbcMessageStore.open(vertx, settings).toCompletionStage().toCompletableFuture().get();
        System.out.printf("store: %s; %d rooms; %d s per run after %d s of warm-up; %d cores%n",
                settings.describe(), rooms, measure.toSeconds(), WARM_UP.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        List<String> rows = new ArrayList<>();
        for (int senders : senderCounts) {
            rows.add(run(vertx, store, senders, rooms, measure));
        }
        System.out.println();
        System.out.println("| senders | messages/s | p50 ms | p99 ms | max ms | errors | CPU µs/message (this JVM) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        store.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static String run(Vertx vertx, MessageStore store, int senders, int rooms, Duration measure)
            throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Recorder latencies = new Recorder(3);
        AtomicLong committed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        for (int i = 0; i < senders; i++) {
            String room = "bench-" + run + "-" + (i % rooms);
            String user = "sender" + i;
            Context context = vertx.getOrCreateContext();
            context.runOnContext(v -> sendNext(store, room, user, new AtomicLong(), latencies, committed, errors,
                    running, measuring));
        }
        Thread.sleep(WARM_UP.toMillis());
        latencies.reset();
        committed.set(0);
        errors.set(0);
        measuring.set(true);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        for (long second = 1; second <= measure.toSeconds(); second++) {
            Thread.sleep(1_000);
            System.out.printf("  %4d senders: %3d s, %8d committed%n", senders, second, committed.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = committed.get();
        double cpuMicrosPerMessage = (processCpuNanos() - cpuStart) / 1000.0 / Math.max(1, total);
        running.set(false);
        var histogram = latencies.getIntervalHistogram();
        Thread.sleep(1_000); // let the last appends finish before the next run
        return String.format("| %d | %.0f | %.1f | %.1f | %.1f | %d | %.0f |", senders, total / seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0, errors.get(), cpuMicrosPerMessage);
    }

    /** CPU time of this whole JVM (every thread): the store's cost, with the benchmark's own small share. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void sendNext(MessageStore store, String room, String user, AtomicLong sent, Recorder latencies,
                                 AtomicLong committed, AtomicLong errors, AtomicBoolean running,
                                 AtomicBoolean measuring) {
        if (!running.get()) {
            return;
        }
        long n = sent.incrementAndGet();
        long started = System.nanoTime();
        NewMessage message = new NewMessage(room, user, "benchmark message " + n, Instant.now(),
                Optional.of(user + "-" + n));
        store.append(message).onComplete(result -> {
            if (measuring.get()) {
                if (result.succeeded()) {
                    latencies.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started)));
                    committed.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            }
            sendNext(store, room, user, sent, latencies, committed, errors, running, measuring);
        });
    }
}
