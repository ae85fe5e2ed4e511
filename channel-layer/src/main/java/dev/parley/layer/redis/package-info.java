/**
 * The Redis channel layer: {@link dev.parley.layer.redis.RedisChannelLayer} lets many gateway nodes share channels
 * and groups, with node-level fan-out (one publish per group send), on Lettuce. Where names live and how to publish
 * and subscribe is a {@link dev.parley.layer.redis.RedisBackend}: one server or several chosen by name
 * ({@code ShardedBackend}), or a Redis Cluster with sharded pub/sub ({@code ClusterBackend}), detected at start
 * ({@code RedisModeDetection}). Reactor and Lettuce types stay in this package; callers see Vert.x Futures completed
 * on their own context.
 */
package dev.parley.layer.redis;
