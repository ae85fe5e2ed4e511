package dev.parley.consumers;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads for blocking work, off the event loops: the hooks of {@link dev.parley.consumers.blocking.BlockingConsumer}s
 * and {@link ConnectionTasks#blocking} calls. Make one per {@link Vertx} at start-up, hand it to the factories that
 * need it, and {@link #close} it when the application stops:
 *
 * <pre>{@code
 * BlockingPool blocking = BlockingPool.create(BlockingPool.Config.defaults());
 * routes.websocket("/ws/report/", BlockingConsumer.factory(blocking, ReportConsumer::new));
 * ...
 * blocking.close();
 * }</pre>
 *
 * <p>Unlike Vert.x's worker pool (20 threads), it is sized for blocking code that waits rather than computes: a thread
 * is started whenever work arrives and none is idle, up to {@link Config#maxThreads} (512 by default), so 200
 * connections that each wait a second on a database are all served in about a second. Threads idle for
 * {@link Config#keepAlive} (60 s) end. Beyond the maximum, work waits in an unbounded queue, in arrival order, for the
 * next free thread; the first time that happens a warning is logged, since from then on connections wait for each
 * other. The threads are daemon threads named {@code parley-blocking-N}. Event loops do not start them: starting a
 * thread can take a millisecond, and a burst of 200 new blocking hooks stalled every connection of its event loop for
 * 150 to 370 ms (BlockingConsumerIT). Work submitted from an event loop while no thread is idle is handed to the thread
 * {@code parley-blocking-starter}, which starts one for it.
 */
public final class BlockingPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BlockingPool.class);

    private final Pool executor;
    /** Starts threads for work submitted from event loops; started here, so no event loop ever starts a thread. */
    private final ThreadPoolExecutor starter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), task -> daemon(task, "parley-blocking-starter"));

    private BlockingPool(Config config) {
        this.executor = new Pool(config);
        starter.prestartCoreThread();
    }

    public static BlockingPool create(Config config) {
        return new BlockingPool(config);
    }

    /**
     * Runs blocking work on a pool thread. The Future completes with its result or its exception on the caller's
     * Vert.x context (on the pool thread if the caller has none). Fails with {@link IllegalStateException} once the
     * pool is closed. Not tied to any connection: for work a connection's closing should interrupt, use
     * {@link ConnectionTasks#blocking}.
     */
    public <T> Future<T> run(Callable<T> work) {
        return run(Vertx.currentContext(), work);
    }

    /** Threads alive now, busy or idle. */
    public int threads() {
        return executor.getPoolSize();
    }

    /** Work waiting for a thread because all {@link Config#maxThreads} are busy. */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Stops taking work, interrupts the work running and fails the work still waiting. */
    @Override
    public void close() {
        for (Runnable waiting : executor.shutdownNow()) {
            ((Job<?>) waiting).abandon();
        }
        starter.shutdown(); // work it still holds finds the pool closed, and fails
    }

    /** {@link #run}, completing on the given context (null: on the pool thread). */
    <T> Future<T> run(Context context, Callable<T> work) {
        Job<T> job = new Job<>(work, context, executor::workDone);
        try {
            if (!Context.isOnEventLoopThread()) {
                executor.execute(job);
            } else if (!executor.offerToIdleThread(job)) {
                starter.execute(() -> submit(job));
            }
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(new IllegalStateException("the blocking pool is closed"));
        }
        return job.promise.future();
    }

    private void submit(Job<?> job) {
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            job.abandon();
        }
    }

    /**
     * @param maxThreads at most this many threads run at once; more work waits. Default 512: hundreds of
     *                   connections can block at once, while a runaway stays far below the process's limits
     *                   (each thread reserves its stack, 1 MB of address space by default)
     * @param keepAlive  a thread idle this long ends. Default 60 s
     */
    public record Config(int maxThreads, Duration keepAlive) {

        public static final int DEFAULT_MAX_THREADS = 512;
        public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);

        public Config {
            if (maxThreads < 1) {
                throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
            }
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keepAlive must be positive, was " + keepAlive);
            }
        }

        public static Config defaults() {
            return new Config(DEFAULT_MAX_THREADS, DEFAULT_KEEP_ALIVE);
        }

        public Config withMaxThreads(int max) {
            return new Config(max, keepAlive);
        }

        public Config withKeepAlive(Duration idle) {
            return new Config(maxThreads, idle);
        }
    }

    /** Work with the promise it completes, on its caller's context. */
    private static final class Job<T> implements Runnable {

        private final Callable<T> work;
        private final Context context;
        private final Runnable workDone;
        private final Promise<T> promise = Promise.promise();

        Job(Callable<T> work, Context context, Runnable workDone) {
            this.work = work;
            this.context = context;
            this.workDone = workDone;
        }

        @Override
        public void run() {
            T result;
            try {
                result = work.call();
            } catch (Throwable e) { // anything: a hook whose Future never completed would stall its connection
                workDone.run();
                complete(() -> promise.fail(e));
                return;
            }
            workDone.run();
            complete(() -> promise.complete(result));
        }

        void abandon() {
            complete(() -> promise.fail(new IllegalStateException("the blocking pool closed before the work started")));
        }

        private void complete(Runnable completion) {
            if (context == null) {
                completion.run();
            } else {
                context.runOnContext(v -> completion.run());
            }
        }
    }

    /**
     * A thread pool that starts threads before it queues: {@link ThreadPoolExecutor} on its own queues first and
     * grows only when the queue is full, which is the opposite of what waiting work needs. Its queue refuses work
     * (so the pool starts a thread) unless a thread is idle or the maximum is reached.
     */
    private static final class Pool extends ThreadPoolExecutor {

        private final AtomicInteger unfinished = new AtomicInteger();

        Pool(Config config) {
            super(0, config.maxThreads(), config.keepAlive().toMillis(), TimeUnit.MILLISECONDS,
                    new GrowFirstQueue(), new DaemonThreads(), Pool::queueAnyway);
            ((GrowFirstQueue) getQueue()).pool = this;
        }

        @Override
        public void execute(Runnable job) {
            unfinished.incrementAndGet();
            try {
                super.execute(job);
            } catch (RejectedExecutionException e) {
                unfinished.decrementAndGet();
                throw e;
            }
        }

        /**
         * Counted before the job completes its promise, not after it returns: whoever the promise wakes may submit
         * more at once, and must find this thread counted as idle, or a second thread would start for nothing.
         */
        void workDone() {
            unfinished.decrementAndGet();
        }

        /**
         * Queues the job for a thread that is idle now, taking that thread for it at once, so that two event loops
         * never both count on the same idle thread (the second would then start one itself); false, queuing
         * nothing, if no thread is idle. The threads are read before the work: a thread is started only after the
         * work that needs it is counted, so the two reads never show an idle thread that a busy one only seems to be.
         */
        boolean offerToIdleThread(Runnable job) {
            while (true) {
                int threads = getPoolSize();
                int busy = unfinished.get();
                if (busy >= threads) {
                    return false;
                }
                if (unfinished.compareAndSet(busy, busy + 1)) {
                    ((GrowFirstQueue) getQueue()).force(job);
                    if (isShutdown() && getQueue().remove(job)) {
                        unfinished.decrementAndGet();
                        throw new RejectedExecutionException("the blocking pool is closed");
                    }
                    return true;
                }
            }
        }

        /** Another thread took the last free place between the queue's check and the pool's: queue it after all. */
        private static void queueAnyway(Runnable job, ThreadPoolExecutor pool) {
            if (pool.isShutdown()) {
                throw new RejectedExecutionException("the blocking pool is closed");
            }
            ((GrowFirstQueue) pool.getQueue()).force(job);
        }
    }

    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

        private final AtomicBoolean warned = new AtomicBoolean();
        private Pool pool;

        @Override
        public boolean offer(Runnable job) {
            int threads = pool.getPoolSize();
            if (pool.unfinished.get() <= threads) {
                return super.offer(job); // a thread is idle and will take it
            }
            if (threads < pool.getMaximumPoolSize()) {
                return false; // the pool starts a thread for it
            }
            if (warned.compareAndSet(false, true)) {
                log.warn("all {} blocking threads are busy: blocking work now waits in a queue, and connections "
                        + "wait for each other (BlockingPool.Config.maxThreads); logged once", threads);
            }
            return super.offer(job);
        }

        void force(Runnable job) {
            super.offer(job);
        }
    }

    private static final class DaemonThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            return daemon(task, "parley-blocking-" + count.incrementAndGet());
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
