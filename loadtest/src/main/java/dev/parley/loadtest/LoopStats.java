package dev.parley.loadtest;

import org.HdrHistogram.SingleWriterRecorder;

/**
 * The per-frame counters and latency recorders of one event loop, written by that loop only, so recording a frame
 * touches nothing another core writes. {@link RunStats} adds the loops up for whoever reads.
 */
final class LoopStats {

    final LoopCounter receivedAll = new LoopCounter();
    final LoopCounter sentAll = new LoopCounter();
    final LoopCounter sent = new LoopCounter();
    final LoopCounter acked = new LoopCounter();
    final LoopCounter expected = new LoopCounter();
    final LoopCounter delivered = new LoopCounter();
    final LoopCounter duplicates = new LoopCounter();

    /** Fan-out and ack latency in microseconds. */
    final SingleWriterRecorder latency = new SingleWriterRecorder(3);
    final SingleWriterRecorder ackLatency = new SingleWriterRecorder(3);
}
