/**
 * The channel layer: named channels and groups through which consumers, possibly on different nodes, send
 * each other messages. {@link dev.parley.layer.ChannelLayer} is the contract (Django Channels' layer
 * specification with Vert.x Futures); {@link dev.parley.layer.InMemoryChannelLayer} serves one node.
 */
package dev.parley.layer;
