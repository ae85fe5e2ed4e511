package dev.parley.loadtest;

import java.util.Locale;

/** Where a run is: only messages sent while measuring count, and receipts count until the drain ends. */
enum Phase {
    CONNECT, SETTLE, MEASURE, DRAIN, DONE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
