package dev.parley.gateway.worker;

import dev.parley.gateway.ConfigException;
import dev.parley.gateway.GatewayConfig;
import dev.parley.layer.LayerNames;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar chat-gateway.jar runworker CHANNEL [CHANNEL...]}: runs the registered workers of these named
 * channels in this process until SIGTERM or Ctrl-C, like Django Channels' {@code manage.py runworker}. Exit status 2
 * for a channel that cannot be served or a configuration without Redis, 1 when the layer cannot be reached, 0 after a
 * clean stop.
 */
public final class RunWorkerCommand {

    /** The command's name, the first argument of the gateway jar. */
    public static final String NAME = "runworker";

    private static final Logger log = LoggerFactory.getLogger(RunWorkerCommand.class);
    private static final long START_SECONDS = 30;

    private RunWorkerCommand() {
    }

    /**
     * {@link #run(List, GatewayConfig, Workers)} with the configuration read from the environment, for an
     * application's own main; an invalid setting: exit status 2.
     */
    public static int run(List<String> channels, Workers workers) {
        try {
            return run(channels, GatewayConfig.fromEnvironment(System.getenv()), workers);
        } catch (ConfigException e) {
            return refuse(e.getMessage());
        }
    }

    /**
     * Starts the workers of the named channels (the arguments after {@code runworker}) and blocks until the process is
     * stopped; returns the exit status when it cannot start. On SIGTERM or Ctrl-C it stops the workers, waiting up to
     * {@code CHAT_DRAIN_SECONDS} for the jobs in hand, and the process exits 0 (1 if they did not finish in time)
     * through {@link Runtime#halt}: this command owns its JVM, and the JVM would otherwise exit 143 after SIGTERM.
     */
    public static int run(List<String> channels, GatewayConfig config, Workers workers) {
        Map<String, Supplier<Worker>> selected;
        try {
            selected = select(channels, workers);
        } catch (ConfigException e) {
            return refuse(e.getMessage());
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        WorkerProcess process;
        try {
            process = WorkerProcess.start(vertx, config, selected).toCompletionStage().toCompletableFuture()
                    .get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            vertx.close();
            if (e.getCause() instanceof ConfigException refused) {
                return refuse(refused.getMessage());
            }
            System.err.println("parley: " + NAME + ": could not start: " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException | TimeoutException e) {
            vertx.close();
            System.err.println("parley: " + NAME + ": could not start within " + START_SECONDS + " s: " + e);
            return 1;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = stop(vertx, process, config);
            // SIGTERM is how orchestrators stop a worker: a clean stop is a success, not the JVM's 143.
            Runtime.getRuntime().halt(status);
        }, "parley-worker-shutdown"));
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The factories of the channels named on the command line, in their order. Fails with {@link ConfigException}
     * when none is named, or one is not a named channel or has no registered worker.
     */
    public static Map<String, Supplier<Worker>> select(List<String> channels, Workers workers) {
        if (channels.isEmpty()) {
            throw new ConfigException("name the channels to serve: " + NAME + " CHANNEL [CHANNEL...]"
                    + registered(workers));
        }
        Map<String, Supplier<Worker>> selected = new LinkedHashMap<>();
        for (String channel : channels) {
            if (!LayerNames.isValidChannel(channel) || LayerNames.isProcessLocal(channel)) {
                throw new ConfigException(WorkerProcess.notNamed(channel));
            }
            Supplier<Worker> factory = workers.factory(channel).orElseThrow(() -> new ConfigException(
                    "no worker is registered for channel '" + channel + "'" + registered(workers)));
            selected.put(channel, factory);
        }
        return selected;
    }

    private static String registered(Workers workers) {
        return workers.asMap().isEmpty()
                ? " (this application registers no worker)"
                : " (registered: " + String.join(", ", workers.asMap().keySet()) + ")";
    }

    private static int refuse(String why) {
        System.err.println("parley: " + NAME + ": " + why);
        return 2;
    }

    private static int stop(Vertx vertx, WorkerProcess process, GatewayConfig config) {
        long deadline = config.drainDeadline().toSeconds();
        log.info("Stopping: finishing the jobs in hand (at most {} s)", deadline);
        try {
            process.stop().eventually(v -> vertx.close())
                    .toCompletionStage().toCompletableFuture().get(deadline, TimeUnit.SECONDS);
            return 0;
        } catch (TimeoutException e) {
            log.warn("The jobs in hand did not finish within CHAT_DRAIN_SECONDS ({} s): exiting anyway", deadline);
            return 1;
        } catch (Exception e) {
            log.warn("Did not stop cleanly: {}", e.toString());
            return 1;
        }
    }
}
