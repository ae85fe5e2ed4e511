package dev.parley.gateway.worker;

import java.util.Map;

/**
 * Does the jobs sent to a named channel. A worker process makes one instance per channel it serves, from the factory
 * registered in {@link Workers}, and gives it the channel's messages one at a time: the next once the Future of the
 * previous completes.
 */
public interface Worker {

    /**
     * The handler of each message type (the message's {@code type}), asked once when the worker starts. A message of
     * another type is logged and skipped; a handler that fails is logged with the type, and the worker goes on.
     */
    Map<String, WorkerHandler> eventHandlers();
}
