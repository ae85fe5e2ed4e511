package dev.parley.consumers;

/** A timer or periodic task from {@link ConnectionTasks}; cancelled by hand, or by the connection closing. */
@FunctionalInterface
public interface ScheduledTask {

    /**
     * Stops the task: a run that has not started yet never starts, and a periodic task schedules no further run. A
     * run already in progress finishes. Cancelling twice, or after the task ran, does nothing. Callable from any thread.
     */
    void cancel();
}
