// Unread counts per room: messages from others that came in while the room was not shown, or while the tab was
// hidden; mentions of us counted apart from them. Entering a room (or coming back to the tab) clears its counts.

export class UnreadCounts extends EventTarget {
  #counts = new Map(); // room -> {unread, mentions}

  /** {unread, mentions} of one room; zeros for a room with none. */
  of(room) {
    return this.#counts.get(room) ?? { unread: 0, mentions: 0 };
  }

  /** Unread messages over every room. */
  get total() {
    let total = 0;
    for (const { unread } of this.#counts.values()) total += unread;
    return total;
  }

  /** One more unread message in the room; a mention of us counts as a mention too. */
  bump(room, mention) {
    const { unread, mentions } = this.of(room);
    this.#counts.set(room, { unread: unread + 1, mentions: mentions + (mention ? 1 : 0) });
    this.dispatchEvent(new Event('change'));
  }

  /** The room was read (entered, or shown again). */
  clear(room) {
    if (!this.#counts.has(room)) return;
    this.#counts.delete(room);
    this.dispatchEvent(new Event('change'));
  }
}
