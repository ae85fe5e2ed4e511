/**
 * Testing consumers without a server: {@link dev.parley.consumers.testing.WebsocketCommunicator} plays the client.
 * It ships in the main jar, like Channels' {@code channels.testing}, so applications can test their own consumers.
 */
package dev.parley.consumers.testing;
