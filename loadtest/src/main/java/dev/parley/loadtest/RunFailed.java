package dev.parley.loadtest;

/** The run could not be done at all (exit code 3): nothing connected, a child failed, a file not written. */
final class RunFailed extends RuntimeException {
    RunFailed(String message) {
        super(message);
    }
}
