/**
 * The Redis channel layer: {@link dev.parley.layer.redis.RedisChannelLayer} lets many gateway nodes share channels
 * and groups, with node-level fan-out (one publish per group send), on Lettuce. Reactor and Lettuce types stay in
 * this package; callers see Vert.x Futures completed on their own context.
 */
package dev.parley.layer.redis;
