package dev.parley.loadtest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The reconnect scenario's crash: SIGKILL a gateway process some time into the measurement. */
final class NodeKiller {

    private final ScheduledExecutorService timer;

    private NodeKiller(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static NodeKiller schedule(long pid, Duration after, PrintStream out) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "node-killer");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(() -> {
            boolean killed = ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
            out.println(killed ? "killed process " + pid + " (SIGKILL)" : "could not kill process " + pid);
        }, after.toMillis(), TimeUnit.MILLISECONDS);
        return new NodeKiller(timer);
    }

    void cancel() {
        timer.shutdownNow();
    }
}
