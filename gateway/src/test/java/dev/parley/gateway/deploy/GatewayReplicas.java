package dev.parley.gateway.deploy;

import dev.parley.gateway.GatewayProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Gateway replicas started as compose starts them: all at once, on the same settings. */
final class GatewayReplicas {

    /** GatewayProcess.start gives up after 30 s; this only guards against it hanging anyway. */
    private static final long START_BOUND_SECONDS = 90;

    private GatewayReplicas() {
    }

    /**
     * Starts {@code count} gateways at the same moment and waits until each is running. On an empty database they
     * race to apply the schema, which Flyway's lock must make safe. If one fails, the others are stopped.
     */
    static List<GatewayProcess> startTogether(int count, Map<String, String> settings) throws InterruptedException {
        ExecutorService starter = Executors.newFixedThreadPool(count);
        try {
            List<Future<GatewayProcess>> starting = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                starting.add(starter.submit(() -> GatewayProcess.start(settings)));
            }
            List<GatewayProcess> started = new ArrayList<>();
            AssertionError failed = null;
            for (Future<GatewayProcess> replica : starting) {
                try {
                    started.add(replica.get(START_BOUND_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    failed = failed != null ? failed : new AssertionError("a replica did not start: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e), e);
                }
            }
            if (failed != null) {
                for (GatewayProcess replica : started) {
                    replica.close();
                }
                throw failed;
            }
            return started;
        } finally {
            starter.shutdownNow();
        }
    }
}
