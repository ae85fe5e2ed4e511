// The room's message list, keyed and ordered by `seq`, the place of each message in the room's history.
//
// Confirmed messages (sent by the server) come first, in seq order: a seq already shown is ignored, a late one
// is slotted into its place. Messages of our own that the server has not echoed yet stay below them. Lines from
// the page (notices, "bob joined") stay where they were added.
//
// Two lists, one above the other: what the room said before we came (the history on entering, and older pages)
// goes into the upper one, which is no live region, so entering a room does not read fifty messages aloud; what
// is said while we are here goes into the lower one, a polite live region. Seq order runs across both.
//
// Edits and deletions have seqs of their own but no line: they change their message in place. One that comes
// before its message (from another gateway, or in a gap being filled) waits for it.

import { addMessageActions } from './message-actions.js';
import { isMessageChange, linkButton, renderMessage, seqOf, showChange } from './message-view.js';

const NEAR_BOTTOM_PX = 48;
const DELIVERY_LABELS = { queued: 'Waiting for connection…', sending: 'Sending…', sent: '', failed: 'Not sent' };

export class MessageList {
  #scroller;
  #past;
  #live;
  #jump;
  #actions;
  #room;
  #seqs = new Set(); // every seq shown, edits and deletions included
  #waitingChanges = new Map(); // target seq -> the latest change for a message not shown yet
  #lowest = null;
  #highest = null;
  #pinned = true; // at the bottom when last seen, so a smaller window (a phone's keyboard) keeps the latest in view

  /**
   * scroller: the element that scrolls the lists; past and live: the list of earlier messages and the live one
   * below it; actions: {retry(clientId), discard(clientId)} for failures, room() saying {names, me} for
   * marking mentions, and editable(msg) saying whether we may edit and delete a message.
   */
  constructor({ scroller, past, live, jump }, actions) {
    this.#scroller = scroller;
    this.#past = past;
    this.#live = live;
    this.#jump = jump;
    this.#actions = actions;
    this.#room = actions.room;
    scroller.addEventListener('scroll', () => {
      this.#pinned = this.#atBottom();
      if (this.#pinned) this.#jump.hidden = true;
    });
    new ResizeObserver(() => {
      if (this.#pinned) this.scrollToBottom();
    }).observe(scroller);
    jump.addEventListener('click', () => this.scrollToBottom());
  }

  /** The smallest seq shown, or null when no message with a seq is shown. */
  get lowestSeq() {
    return this.#lowest;
  }

  /** The largest seq shown, or null: with a resume after it, the server sends what the page has not seen. */
  get highestSeq() {
    return this.#highest;
  }

  /** The first seq missing between the lowest and the highest shown, or null when there is no gap. */
  get firstMissingSeq() {
    if (this.#lowest === null || this.#seqs.size === this.#highest - this.#lowest + 1) return null;
    for (let seq = this.#lowest + 1; seq < this.#highest; seq += 1) {
      if (!this.#seqs.has(seq)) return seq;
    }
    return null;
  }

  has(seq) {
    return this.#seqs.has(seq);
  }

  /**
   * Shows a message the server sent, in its seq place, or applies an edit or a deletion to its message; returns
   * false, changing nothing, when that seq is shown already.
   */
  add(msg, own) {
    const seq = seqOf(msg);
    if (seq !== null && this.#seqs.has(seq)) return false;
    if (isMessageChange(msg)) {
      this.#applyChange(msg);
      this.#remember(seq);
      return true;
    }
    const item = this.#render(msg, own);
    const place = this.#placeFor(seq);
    this.#change(() => (place ? place.parentElement : this.#live).insertBefore(item, place));
    this.#remember(seq);
    return true;
  }

  /** Our right to edit changed (a guest's ends with its connection): each message's buttons follow it again. */
  refreshEditable() {
    for (const item of this.#messageItems()) {
      const editable = !item.classList.contains('deleted') && this.#actions.editable?.(this.#messageOf(item));
      const buttons = item.querySelector(':scope .message-actions');
      if (editable && !buttons) addMessageActions(item);
      else if (!editable && buttons) buttons.remove();
    }
  }

  /** The element of the message with this seq, or null. */
  itemOf(seq) {
    return this.#messageItems().find((item) => item.dataset.seq === String(seq)) ?? null;
  }

  /** Shows messages older than any shown above all the rest, keeping in view what the reader was looking at. */
  addOlder(messages, isOwn) {
    const older = new Map(); // seq -> message
    const changes = [];
    for (const msg of messages) {
      const seq = seqOf(msg);
      if (seq === null || this.#seqs.has(seq)) continue;
      if (this.#lowest !== null && seq > this.#lowest) this.add(msg, isOwn(msg)); // not older after all
      else if (isMessageChange(msg)) changes.push(msg);
      else older.set(seq, msg);
    }
    // Each message of the page carries its current text already; the changes fill their places in the seqs.
    changes.forEach((change) => this.#remember(change.seq));
    if (older.size === 0) return;
    const oldestFirst = [...older.keys()].sort((a, b) => a - b).map((seq) => older.get(seq));
    const scroller = this.#scroller;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    const room = this.#room();
    this.#past.prepend(...oldestFirst.map((msg) => this.#render(msg, isOwn(msg), room)));
    oldestFirst.forEach((msg) => this.#remember(msg.seq));
    scroller.scrollTop = scroller.scrollHeight - fromBottom; // at the bottom before, at the bottom now
  }

  /** Drops every message the server sent and every line; messages of ours still unconfirmed stay. */
  clear() {
    for (const item of [...this.#past.children, ...this.#live.children]) {
      if (!item.classList.contains('unconfirmed')) item.remove();
    }
    this.#seqs.clear();
    this.#waitingChanges.clear();
    this.#lowest = null;
    this.#highest = null;
  }

  /** Shows a message of ours that the server has not confirmed yet. */
  addPending(clientId, user, text, delivery) {
    const item = renderMessage({ user, message: text, sent_at: new Date().toISOString() }, true, 'pending',
      this.#room());
    item.dataset.clientId = clientId;
    item.classList.add('unconfirmed');
    this.#change(() => this.#live.append(item), true);
    this.setDelivery(clientId, delivery);
  }

  /** delivery: 'queued' | 'sending' | 'sent' | 'failed'; `reason` explains a failure. */
  setDelivery(clientId, delivery, reason = '') {
    const item = this.#find(clientId);
    if (!item) return;
    item.dataset.state = delivery === 'sent' ? 'sent' : delivery === 'failed' ? 'failed' : 'pending';
    item.dataset.delivery = delivery;
    const status = item.querySelector('.delivery');
    status.textContent = reason ? `${DELIVERY_LABELS[delivery]}: ${reason}` : DELIVERY_LABELS[delivery];
    if (delivery === 'failed') {
      status.append(' ', linkButton('Retry', () => this.#actions.retry(clientId)),
        ' ', linkButton('Delete', () => this.#actions.discard(clientId)));
    }
  }

  /** Replaces our unconfirmed message with the server's copy in its seq place (or just drops it if shown already). */
  confirm(clientId, msg) {
    this.remove(clientId);
    this.add(msg, true);
  }

  /** Removes one of our unconfirmed messages. */
  remove(clientId) {
    this.#find(clientId)?.remove();
  }

  /** A line for you from the page itself, such as news of a lost connection. */
  notice(text) {
    this.#line('notice', text);
  }

  /** A quieter line about the room, such as someone joining it. */
  system(text) {
    this.#line('system', text);
  }

  scrollToBottom() {
    this.#scroller.scrollTop = this.#scroller.scrollHeight;
    this.#jump.hidden = true;
  }

  #line(className, text) {
    const item = document.createElement('li');
    item.className = className;
    item.textContent = text;
    this.#change(() => this.#live.insertBefore(item, this.#firstUnconfirmed()));
  }

  /**
   * Where a confirmed message goes: before the first one with a larger seq, in either list, else after every
   * confirmed item of the live list (null: at its end).
   */
  #placeFor(seq) {
    if (seq !== null && this.#highest !== null && seq < this.#highest) {
      for (const item of [...this.#past.children, ...this.#live.children]) {
        if (!item.matches('.message[data-seq]')) continue;
        if (Number(item.dataset.seq) > seq) return item;
      }
    }
    return this.#firstUnconfirmed();
  }

  /** A message element of the server's copy, with the latest change that came before it, and its buttons. */
  #render(msg, own, room = this.#room()) {
    const item = renderMessage(msg, own, 'sent', room);
    const seq = seqOf(msg);
    const waiting = seq === null ? undefined : this.#waitingChanges.get(seq);
    if (waiting) {
      this.#waitingChanges.delete(seq);
      showChange(item, waiting, room);
    }
    if (!item.classList.contains('deleted') && this.#actions.editable?.(msg)) addMessageActions(item);
    return item;
  }

  #applyChange(change) {
    const item = this.itemOf(change.target);
    if (!item) {
      const known = this.#waitingChanges.get(change.target);
      if (!known || known.seq < change.seq) this.#waitingChanges.set(change.target, change);
      return;
    }
    if (Number(item.dataset.changeSeq ?? -1) > change.seq) return; // a later change is shown already
    item.dataset.changeSeq = String(change.seq);
    showChange(item, change, this.#room());
  }

  #messageItems() {
    return [...this.#past.children, ...this.#live.children].filter((item) => item.matches('.message[data-seq]'));
  }

  /** What editable(msg) needs of a shown message: its seq and sender. */
  #messageOf(item) {
    return { seq: Number(item.dataset.seq), user: item.querySelector('.user').textContent };
  }

  #remember(seq) {
    if (seq === null) return;
    this.#seqs.add(seq);
    if (this.#lowest === null || seq < this.#lowest) this.#lowest = seq;
    if (this.#highest === null || seq > this.#highest) this.#highest = seq;
  }

  #change(mutate, forceScroll = false) {
    const stick = forceScroll || this.#atBottom();
    mutate();
    if (stick) this.scrollToBottom();
    else this.#jump.hidden = false;
  }

  #atBottom() {
    const scroller = this.#scroller;
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
  }

  #firstUnconfirmed() {
    return this.#live.querySelector(':scope > .unconfirmed');
  }

  #find(clientId) {
    return [...this.#live.querySelectorAll(':scope > .unconfirmed')].find((item) => item.dataset.clientId === clientId);
  }
}
