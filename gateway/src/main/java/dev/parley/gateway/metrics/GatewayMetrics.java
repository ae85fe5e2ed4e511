package dev.parley.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's meters, served at {@code /metrics} in the Prometheus text format. Every name starts with
 * {@code parley_}; docs/operations.md lists them.
 */
public final class GatewayMetrics {

    /** Latency buckets: chat operations should take milliseconds; a second is an outage. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(1000), Duration.ofMillis(5000)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter connectionsOpened;
    /** Counted on every frame, so kept in plain adders (Micrometer's counters add doubles) and read when scraped. */
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final Counter slowClientsDisconnected;
    private final Counter requestsTimedOut;
    private final Counter signInsThrottled;

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        connectionsOpened = Counter.builder("parley.connections.opened")
                .description("WebSocket handshakes that reached a consumer").register(registry);
        counter("parley.frames.received", "WebSocket messages received from clients", framesIn, LongAdder::sum);
        counter("parley.frames.sent", "WebSocket messages sent to clients", framesOut, LongAdder::sum);
        slowClientsDisconnected = Counter.builder("parley.slow.clients.disconnected")
                .description("connections closed because the client did not read its messages").register(registry);
        requestsTimedOut = Counter.builder("parley.requests.timed.out")
                .description("connections closed because they did not send a whole request in time")
                .register(registry);
        signInsThrottled = Counter.builder("parley.signins.throttled")
                .description("sign-in and sign-up attempts refused with 429 for coming too often").register(registry);
    }

    /** A count kept elsewhere and read when scraped, e.g. the layer's dropped messages. */
    public <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).register(registry);
    }

    /** A gauge read when scraped, e.g. the open connections. */
    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    public void connectionOpened() {
        connectionsOpened.increment();
    }

    public void frameReceived() {
        framesIn.increment();
    }

    public void frameSent() {
        framesOut.increment();
    }

    public void slowClientDisconnected() {
        slowClientsDisconnected.increment();
    }

    public void requestTimedOut() {
        requestsTimedOut.increment();
    }

    public void signInThrottled() {
        signInsThrottled.increment();
    }

    /**
     * Meters for one kind of operation: its latency under {@code latencyName} and its failures under
     * {@code errorsName}, both tagged with {@code op}.
     */
    TimedOperation operation(String latencyName, String errorsName, String op) {
        return new TimedOperation(
                Timer.builder(latencyName).tag("op", op).serviceLevelObjectives(BUCKETS).register(registry),
                Counter.builder(errorsName).tag("op", op).register(registry));
    }

    /** Every meter in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
