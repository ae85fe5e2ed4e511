package dev.parley.gateway.worker;

import dev.parley.gateway.ChannelLayerSetup;
import dev.parley.gateway.ConfigException;
import dev.parley.gateway.GatewayConfig;
import dev.parley.layer.LayerNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background workers on named channels of the Redis channel layer, like Django Channels' {@code runworker}: one
 * worker per channel, each taking one job at a time. Each job goes to exactly one worker of all the processes
 * serving its channel. Logs a line at start, the jobs done now and then, and a line when stopped.
 */
public final class WorkerProcess {

    /** How often the jobs done are logged, when some were done since the last time. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

    private final Vertx vertx;
    private final ChannelLayerSetup.Opened opened;
    private final Set<String> channels;
    private final String layerDescription;
    private final JobCounts counts;
    private final List<String> deployments;
    private final long progressTimer;
    private Counts lastLogged = new Counts(0, 0, 0);
    private Future<Void> stopping;

    private WorkerProcess(Vertx vertx, ChannelLayerSetup.Opened opened, Set<String> channels, String layerDescription,
                          JobCounts counts, List<String> deployments) {
        this.vertx = vertx;
        this.opened = opened;
        this.channels = channels;
        this.layerDescription = layerDescription;
        this.counts = counts;
        this.deployments = deployments;
        this.progressTimer = vertx.setPeriodic(PROGRESS_INTERVAL.toMillis(), id -> logProgress());
    }

    /**
     * Opens the channel layer the configuration names and starts a worker on each channel of {@code workers}, made by
     * its factory. Fails with {@link ConfigException} without opening anything when a name is not a named channel
     * (process-local names, with {@code !}, are refused) or when no {@code CHAT_REDIS_URL} is configured: an in-memory
     * layer lives in one process, so no gateway could send this one a job.
     */
    public static Future<WorkerProcess> start(Vertx vertx, GatewayConfig config,
                                              Map<String, Supplier<Worker>> workers) {
        Map<String, Supplier<Worker>> sorted = new TreeMap<>(workers);
        if (sorted.isEmpty()) {
            return Future.failedFuture(new ConfigException("a worker process needs at least one channel to serve"));
        }
        for (String channel : sorted.keySet()) {
            if (!LayerNames.isValidChannel(channel) || LayerNames.isProcessLocal(channel)) {
                return Future.failedFuture(new ConfigException(notNamed(channel)));
            }
        }
        if (config.redisUrl().isEmpty()) {
            return Future.failedFuture(new ConfigException("workers need CHAT_REDIS_URL: an in-memory channel layer "
                    + "lives in one process, so jobs sent by the gateways would never reach a worker process. Set "
                    + "CHAT_REDIS_URL (and CHAT_REDIS_KEY_PREFIX) as the gateways have them"));
        }
        JobCounts counts = new JobCounts();
        return ChannelLayerSetup.open(vertx, config).compose(opened -> {
            List<String> deployments = new ArrayList<>();
            Future<Void> all = Future.succeededFuture();
            for (Map.Entry<String, Supplier<Worker>> entry : sorted.entrySet()) {
                all = all.compose(v -> vertx.deployVerticle(
                                new ChannelWorker(entry.getKey(), entry.getValue(), opened.layer(), counts))
                        .onSuccess(deployments::add)
                        .mapEmpty());
            }
            return all
                    .map(v -> new WorkerProcess(vertx, opened, sorted.keySet(), ChannelLayerSetup.describe(config),
                            counts, deployments))
                    .onSuccess(WorkerProcess::logStart)
                    .recover(e -> undeploy(vertx, deployments).eventually(v -> opened.close())
                            .transform(v -> Future.failedFuture(e)));
        });
    }

    /** Says why a name cannot be a worker's channel; for the runworker command too. */
    static String notNamed(String channel) {
        return LayerNames.isValidChannel(channel) && LayerNames.isProcessLocal(channel)
                ? "'" + channel + "' is a process-local channel (it has '!'): only the process that made it receives "
                + "from it, so no worker can serve it; workers serve named channels, without '!'"
                : "'" + channel + "' is not a channel name: ASCII letters, digits, '-', '_' and '.', under "
                + LayerNames.MAX_LENGTH + " characters";
    }

    /** The channels served, sorted. */
    public Set<String> channels() {
        return channels;
    }

    /** Which channel layer the workers receive from, for people (passwords hidden). */
    public String layerDescription() {
        return layerDescription;
    }

    /** The jobs handled so far by all of this process's workers. */
    public Counts counts() {
        return counts.snapshot();
    }

    /**
     * Stops taking jobs, waits for the jobs in hand, closes the channel layer and logs the jobs done. Jobs still
     * queued stay in Redis for other workers, within the channel's capacity and expiry. Calling it again returns the
     * same Future.
     */
    public synchronized Future<Void> stop() {
        if (stopping == null) {
            vertx.cancelTimer(progressTimer);
            stopping = undeploy(vertx, deployments)
                    .eventually(v -> opened.close())
                    .onComplete(done -> log.info("Worker stopped: {} on {}", counts.snapshot(), channels));
        }
        return stopping;
    }

    private void logStart() {
        log.info("Worker running on channel(s) {} (channel layer: {}); one job at a time per channel. "
                + "Stop with Ctrl-C.", channels, layerDescription);
    }

    private synchronized void logProgress() {
        Counts now = counts.snapshot();
        if (!now.equals(lastLogged)) {
            log.info("Worker progress: {} on {}", now, channels);
            lastLogged = now;
        }
    }

    private static Future<Void> undeploy(Vertx vertx, List<String> deployments) {
        List<Future<Void>> undeployed = new ArrayList<>();
        for (String id : List.copyOf(deployments)) {
            undeployed.add(vertx.undeploy(id));
        }
        return Future.join(undeployed).mapEmpty();
    }

    /**
     * What the workers did with the messages they took.
     *
     * @param done    jobs whose handler succeeded
     * @param failed  jobs whose handler failed (each logged with its type)
     * @param skipped messages of a type no handler was registered for
     */
    public record Counts(long done, long failed, long skipped) {
        @Override
        public String toString() {
            return done + " job(s) done, " + failed + " failed, " + skipped + " skipped";
        }
    }
}
