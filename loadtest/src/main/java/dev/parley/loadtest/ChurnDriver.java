package dev.parley.loadtest;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The churn scenario's arrivals: {@code --rate} new connections per second on an open-loop schedule, each closed
 * {@code --hold} after it joined. Attempts, failures and connect latency go to the run's stats.
 */
final class ChurnDriver {

    private final Options options;
    private final UserPlan plan;
    private final List<GeneratorLoop> loops;
    private final SimulatedUser.Connector connector;
    private final RunStats stats;
    private final PhaseClock clock;
    private volatile boolean running;
    private Thread thread;

    ChurnDriver(Options options, UserPlan plan, List<GeneratorLoop> loops, SimulatedUser.Connector connector,
                RunStats stats, PhaseClock clock) {
        this.options = options;
        this.plan = plan;
        this.loops = loops;
        this.connector = connector;
        this.stats = stats;
        this.clock = clock;
    }

    void start() {
        if (options.rate() <= 0) {
            return;
        }
        running = true;
        thread = new Thread(this::arrive, "churn");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2000);
        }
    }

    private void arrive() {
        long start = System.nanoTime();
        // --rate is for the whole run: each of the processes (slices) makes its share of the arrivals.
        double intervalNanos = 1e9 * options.slice().count() / options.rate();
        int slices = options.slice().count();
        for (long k = 0; running; k++) {
            long due = start + (long) (k * intervalNanos);
            long wait = due - System.nanoTime();
            try {
                if (wait > 1_000_000) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (-wait > RunStats.LATE_SEND_MICROS * 1000 && clock.phase() == Phase.MEASURE) {
                stats.lateSends.increment();
            }
            int index = (int) (options.users() + (k * slices + options.slice().index()) % 1_000_000_000L);
            SimulatedUser user = new SimulatedUser(plan.user(index), plan, options, loops.get((int) (k % loops.size())),
                    connector, stats, clock);
            user.start().onComplete(done -> {
                if (user.joined()) {
                    loops.get(0).context().owner().setTimer(Math.max(1, options.hold().toMillis()), id -> user.close());
                }
            });
        }
    }
}
