/**
 * Background workers on named channels, like Django Channels' {@code runworker}: a {@link
 * dev.parley.gateway.worker.Worker} handles the jobs sent to one named channel, by message type; {@link
 * dev.parley.gateway.worker.Workers} says which worker serves which channel. {@link dev.parley.gateway.worker.WorkerProcess}
 * runs them, and {@code java -jar chat-gateway.jar runworker CHANNEL...} starts one as a process of its own.
 */
package dev.parley.gateway.worker;
