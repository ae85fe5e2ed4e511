/**
 * A live poll: {@link dev.parley.examples.poll.VoteConsumer} takes votes over WebSockets and hands them to
 * {@link dev.parley.examples.poll.PollWorker} on the named channel {@code poll-votes}; the worker tallies them and sends
 * the results to the poll's group, which pushes them to every voter and to the {@link dev.parley.examples.poll.PollBoard}
 * that answers {@code GET /api/polls/{poll}}. {@link dev.parley.examples.poll.PollApp} holds the routes.
 */
package dev.parley.examples.poll;
