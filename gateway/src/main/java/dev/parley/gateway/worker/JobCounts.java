package dev.parley.gateway.worker;

import java.util.concurrent.atomic.AtomicLong;

/** How many jobs a worker process finished, failed and skipped; every channel's worker counts into one. */
public final class JobCounts {

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    void done() {
        done.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    WorkerProcess.Counts snapshot() {
        return new WorkerProcess.Counts(done.get(), failed.get(), skipped.get());
    }
}
