package dev.parley.gateway.ops;

import dev.parley.store.R2dbcMessageStore;
import dev.parley.store.Upkeep;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the history store's upkeep ({@link R2dbcMessageStore#upkeep}: month partitions made ahead, the retention
 * applied) at start and then every {@link #EVERY}, and logs what each run changed: one line per partition made or
 * dropped. A run that fails is logged and tried again on the next.
 */
public final class HistoryUpkeep {

    public static final Duration EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(HistoryUpkeep.class);

    private final Vertx vertx;
    private final R2dbcMessageStore store;
    private final Clock clock;
    private long timer = -1;

    public HistoryUpkeep(Vertx vertx, R2dbcMessageStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    /** The first run, then the hourly ones; completes when the first run has, whether or not it succeeded. */
    public Future<Void> start() {
        return runOnce().onComplete(done -> timer = vertx.setPeriodic(EVERY.toMillis(), id -> runOnce()));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private Future<Void> runOnce() {
        return store.upkeep(clock.instant())
                .onSuccess(HistoryUpkeep::report)
                .onFailure(e -> log.warn("history upkeep failed, tried again in {} min: {}", EVERY.toMinutes(),
                        e.getMessage()))
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    private static void report(Upkeep done) {
        done.partitionsCreated().forEach(name -> log.info("history: created partition {}", name));
        done.partitionsDropped().forEach(name -> log.info("history: dropped partition {} (past the retention)", name));
        if (done.rowsDeleted() > 0) {
            log.info("history: deleted {} messages past the retention", done.rowsDeleted());
        }
        done.retentionFailure().ifPresent(why -> log.warn(
                "history: could not apply the retention this time, tried again in {} min: {}", EVERY.toMinutes(), why));
    }
}
