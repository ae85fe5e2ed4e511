/**
 * The chat: {@link dev.parley.chat.ChatConsumer} serves {@code /ws/chat/{room}/}, decoding client frames
 * with {@link dev.parley.chat.ClientFrameDecoder} and speaking the protocol of docs/protocol.md in the
 * mode the client chose ({@link dev.parley.chat.WireMode}).
 */
package dev.parley.chat;
