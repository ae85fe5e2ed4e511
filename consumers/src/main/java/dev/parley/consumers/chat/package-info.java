/**
 * The chat: {@link dev.parley.consumers.chat.ChatConsumer} serves {@code /ws/chat/{room}/}, decoding client frames
 * with {@link dev.parley.consumers.chat.ClientFrameDecoder} and speaking the protocol of docs/protocol.md in the
 * mode the client chose ({@link dev.parley.consumers.chat.WireMode}).
 */
package dev.parley.consumers.chat;
