/**
 * The Parley chat as an app of the server ({@link dev.parley.gateway.chat.ChatApp}): its web UI, the account API
 * (sign-up, sign-in), the history API, a room's Server-Sent Events, and the OpenAPI document of them all. Its
 * consumer is {@code dev.parley.chat.ChatConsumer}.
 */
package dev.parley.gateway.chat;
