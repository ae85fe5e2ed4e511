// Our own messages until the server confirms them. A message is sent at once when the connection is
// open, queued and sent after the reconnect when it is not, and marked failed (with Retry) when the
// server refused it or the connection dropped before the server answered: never dropped silently.

export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9)); // works without a secure context, unlike randomUUID
  return 'c-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  #entries = new Map(); // client id -> {text, delivery, sentAt}
  #send;
  #list;
  user;

  /** send(frame) returns false when it could not send; list is the MessageList that shows our messages. */
  constructor(send, list, user) {
    this.#send = send;
    this.#list = list;
    this.user = user;
  }

  submit(text) {
    const clientId = newClientId();
    this.#entries.set(clientId, { text, delivery: 'queued', sentAt: '' });
    this.#list.addPending(clientId, this.user, text, 'queued');
    this.#transmit(clientId);
  }

  /** Sends what waited for the connection, oldest first. */
  flush() {
    for (const [clientId, entry] of this.#entries) {
      if (entry.delivery === 'queued') this.#transmit(clientId);
    }
  }

  /** The connection dropped: what the server did not answer may or may not have been posted. */
  connectionLost() {
    for (const [clientId, entry] of this.#entries) {
      if (entry.delivery === 'sending') {
        this.#fail(clientId, 'the connection dropped before the server confirmed it');
      } else if (entry.delivery === 'sent') {
        // Acknowledged, so it was posted; only the echo was lost.
        this.#entries.delete(clientId);
        this.#list.confirm(clientId, { user: this.user, message: entry.text, sent_at: entry.sentAt });
      }
    }
  }

  acked(clientId, sentAt) {
    const entry = this.#entries.get(clientId);
    if (!entry) return;
    entry.delivery = 'sent';
    entry.sentAt = sentAt;
    this.#list.setDelivery(clientId, 'sent');
  }

  /** Takes the server's copy of a message; returns false when it is not one of ours. */
  echoed(msg) {
    if (typeof msg.client_id !== 'string' || !this.#entries.has(msg.client_id)) return false;
    this.#entries.delete(msg.client_id);
    this.#list.confirm(msg.client_id, msg);
    return true;
  }

  refused(clientId, reason) {
    if (this.#entries.has(clientId)) this.#fail(clientId, reason);
  }

  retry(clientId) {
    const entry = this.#entries.get(clientId);
    if (!entry) return;
    this.#entries.delete(clientId);
    this.#list.remove(clientId);
    this.submit(entry.text);
  }

  discard(clientId) {
    this.#entries.delete(clientId);
    this.#list.remove(clientId);
  }

  /** True while a message is neither confirmed nor deleted by the user. */
  hasUnsent() {
    return [...this.#entries.values()].some((entry) => entry.delivery !== 'sent');
  }

  #transmit(clientId) {
    const entry = this.#entries.get(clientId);
    const sent = this.#send({ type: 'chat.send', message: entry.text, client_id: clientId });
    entry.delivery = sent ? 'sending' : 'queued';
    this.#list.setDelivery(clientId, entry.delivery);
  }

  #fail(clientId, reason) {
    this.#entries.get(clientId).delivery = 'failed';
    this.#list.setDelivery(clientId, 'failed', reason);
  }
}
