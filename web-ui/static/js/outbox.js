// Our own messages until the server has them. Each carries a client_id by which the server de-duplicates: a
// message goes out at once when the connection is open, and again, with the same client_id, after each
// reconnect until the server acknowledges it, so it is posted exactly once however often the connection drops.
// Only the server's refusal (an error for its client_id) marks it failed, with Retry and Delete: a message is
// never dropped silently.

export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9)); // works without a secure context, unlike randomUUID
  return 'c-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  #entries = new Map(); // client id -> {text, delivery, seq, sentAt}; delivery: queued | sending | sent | failed
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
    this.#entries.set(clientId, { text, delivery: 'queued', seq: null, sentAt: '' });
    this.#list.addPending(clientId, this.user, text, 'queued');
    this.#transmit(clientId);
  }

  /** Sends what waits for the connection, oldest first: new messages and those the server never answered. */
  flush() {
    for (const [clientId, entry] of this.#entries) {
      if (entry.delivery === 'queued') this.#transmit(clientId);
    }
  }

  /** The connection dropped: what the server did not answer may or may not be posted, so it goes out again. */
  connectionLost() {
    for (const [clientId, entry] of this.#entries) {
      if (entry.delivery === 'sending') {
        entry.delivery = 'queued'; // same client_id: if it was posted, the server says so instead of posting it twice
        this.#list.setDelivery(clientId, 'queued');
      } else if (entry.delivery === 'sent' && entry.seq === null) {
        // Acknowledged by a server without history, so posted, and nothing will bring the lost echo back.
        this.#confirmFromAck(clientId, entry);
      }
    }
  }

  /** The server stored the message as `seq` (now, or before: a duplicate). */
  acked(clientId, seq, sentAt) {
    const entry = this.#entries.get(clientId);
    if (!entry || entry.delivery === 'failed') return;
    if (seq !== null && this.#list.has(seq)) {
      this.#entries.delete(clientId); // shown already, from history that did not say it was ours
      this.#list.remove(clientId);
      return;
    }
    Object.assign(entry, { delivery: 'sent', seq, sentAt });
    this.#list.setDelivery(clientId, 'sent');
  }

  /** Whether this client_id is of a message of ours still waiting for the server's copy. */
  owns(clientId) {
    return this.#entries.has(clientId);
  }

  /** Takes the server's copy of a message; returns false when it is not one of ours. */
  echoed(msg) {
    if (typeof msg.client_id !== 'string' || !this.#entries.has(msg.client_id)) return false;
    this.#entries.delete(msg.client_id);
    this.#list.confirm(msg.client_id, msg);
    return true;
  }

  /**
   * After the history that follows a (re)connect: a message acknowledged but never echoed is shown from its ack,
   * unless it is older than everything shown (then it is in the older history, one "Load older" away).
   */
  settle() {
    for (const [clientId, entry] of this.#entries) {
      if (entry.delivery !== 'sent' || entry.seq === null) continue;
      const lowest = this.#list.lowestSeq;
      if (this.#list.has(entry.seq) || (lowest !== null && entry.seq < lowest)) {
        this.#entries.delete(clientId);
        this.#list.remove(clientId);
      } else {
        this.#confirmFromAck(clientId, entry);
      }
    }
  }

  /** The server refused the message: it stays, marked failed, until the user retries or deletes it. */
  refused(clientId, reason) {
    const entry = this.#entries.get(clientId);
    if (!entry || entry.delivery === 'sent') return;
    entry.delivery = 'failed';
    this.#list.setDelivery(clientId, 'failed', reason);
  }

  /** Sends a failed message again, with the same client_id, from the bottom of the list. */
  retry(clientId) {
    const entry = this.#entries.get(clientId);
    if (!entry || entry.delivery !== 'failed') return;
    entry.delivery = 'queued';
    this.#list.remove(clientId);
    this.#list.addPending(clientId, this.user, entry.text, 'queued');
    this.#transmit(clientId);
  }

  discard(clientId) {
    this.#entries.delete(clientId);
    this.#list.remove(clientId);
  }

  /** True while a message is neither acknowledged nor deleted by the user. */
  hasUnsent() {
    return [...this.#entries.values()].some((entry) => entry.delivery !== 'sent');
  }

  #transmit(clientId) {
    const entry = this.#entries.get(clientId);
    const sent = this.#send({ type: 'chat.send', message: entry.text, client_id: clientId });
    entry.delivery = sent ? 'sending' : 'queued';
    this.#list.setDelivery(clientId, entry.delivery);
  }

  #confirmFromAck(clientId, entry) {
    this.#entries.delete(clientId);
    const msg = { user: this.user, message: entry.text, sent_at: entry.sentAt, client_id: clientId };
    if (entry.seq !== null) msg.seq = entry.seq;
    this.#list.confirm(clientId, msg);
  }
}
