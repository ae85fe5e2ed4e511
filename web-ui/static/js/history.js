// The room's history: the `history` frame after each (re)connect, and older pages on demand, asked for by the
// "Load older messages" button at the top of the list or by scrolling up to it.
//
// After a fresh join the page shows the latest messages; after a reconnect it asks to resume after the highest
// seq it shows without a gap and gets exactly what it missed, or, when it missed too much, a fresh start
// (`reset`). While connected, a gap in the seqs that does not close by itself (a message from another gateway
// may simply be late) is filled with `history.after`.

import { isChatMessage, isMessageChange } from './message-view.js';

const PAGE_SIZE = 50;
const NEAR_TOP_PX = 200; // scrolling this close to the top loads the page before
const GIVE_UP_MS = 10_000; // a request unanswered this long may be asked again
const GAP_GRACE_MS = 1_500; // a gap still open this long is asked for
const GAP_PAGE_SIZE = 200;

export class RoomHistory {
  #elements;
  #list;
  #outbox;
  #request;
  #isOwn;
  #hasMore = false;
  #started = false; // has a history frame arrived since the page loaded?
  #waitingFor = null; // the `before` of the request in flight
  #timer = 0;
  #gapTimer = 0;

  /**
   * elements: {scroller, edge, button, start, hint}; list: the MessageList; outbox: our own messages;
   * request(frame) sends a frame, returning false when it cannot; isOwn(msg) tells our messages from others'.
   */
  constructor(elements, { list, outbox, request, isOwn }) {
    this.#elements = elements;
    this.#list = list;
    this.#outbox = outbox;
    this.#request = request;
    this.#isOwn = isOwn;
    elements.button.addEventListener('click', () => this.#loadOlder());
    elements.scroller.addEventListener('scroll', () => {
      if (elements.scroller.scrollTop < NEAR_TOP_PX) this.#loadOlder();
    }, { passive: true });
  }

  /** The seq to resume after on the next connect: the highest shown without a gap; null for a fresh join. */
  get resumeAfter() {
    const missing = this.#list.firstMissingSeq;
    return missing !== null ? missing - 1 : this.#list.highestSeq;
  }

  /** After a message arrived: a gap below it that stays open a moment is asked for. */
  checkGaps() {
    if (this.#gapTimer !== 0 || this.#list.firstMissingSeq === null) return;
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = 0;
      const missing = this.#list.firstMissingSeq;
      if (missing === null) return;
      if (!this.#request({ type: 'history.after', after: missing - 1, limit: GAP_PAGE_SIZE })) return;
      this.checkGaps(); // asks again later if the answer does not close the gap
    }, GAP_GRACE_MS);
  }

  /** Takes a `history` frame: the one that follows a connect, or the answer to our `history.before`. */
  received(frame) {
    // Messages, and the edits and deletions among them (each message carries its current text already).
    const messages = Array.isArray(frame.messages)
      ? frame.messages.filter((msg) => isChatMessage(msg) || isMessageChange(msg)) : [];
    if (Object.hasOwn(frame, 'before')) {
      this.#answered(frame, messages);
      return;
    }
    if (Object.hasOwn(frame, 'after')) {
      this.#show(messages, false); // a gap filled: each message into its seq place
      this.checkGaps();
      return;
    }
    if (frame.reset === true) {
      this.#list.clear();
      this.#show(messages, true);
      this.#list.system('You were away a while: showing the latest messages.');
      this.#list.scrollToBottom();
      this.#hasMore = frame.has_more === true;
    } else if (frame.resumed === true) {
      this.#show(messages, false); // what we missed: newer than anything shown, except for stragglers
    } else {
      // A fresh join, as the page showed no message with a seq: on entering, the history goes above any notice
      // (such as the one about our name); after a reconnect, below what was said meanwhile.
      this.#show(messages, !this.#started);
      this.#hasMore = frame.has_more === true;
    }
    this.#outbox.settle();
    this.checkGaps();
    this.#started = true;
    this.#elements.hint.hidden = false;
    this.#render();
  }

  /** The connection dropped: a request in flight will not be answered; the resume will fill any gap. */
  connectionLost() {
    this.#stopWaiting();
    clearTimeout(this.#gapTimer);
    this.#gapTimer = 0;
  }

  /** The server refused our `history.before`: no answer will come. */
  requestRefused() {
    this.#stopWaiting();
  }

  /** For a server that sends no history: after a while, say the room is empty rather than wait for ever. */
  revealHintUnlessStarted() {
    if (!this.#started) this.#elements.hint.hidden = false;
  }

  #answered(frame, messages) {
    const lowest = this.#list.lowestSeq;
    if (this.#waitingFor === null || frame.before !== this.#waitingFor || lowest !== this.#waitingFor) {
      if (frame.before === this.#waitingFor) this.#stopWaiting(); // the list changed meanwhile: ask again
      return;
    }
    this.#stopWaiting();
    this.#show(messages, true);
    this.#hasMore = frame.has_more === true;
    this.#render();
  }

  /** older: messages go above everything shown, keeping the reader's place; else each into its seq place. */
  #show(messages, older) {
    const others = messages.filter((msg) => !this.#outbox.echoed(msg));
    if (older) this.#list.addOlder(others, this.#isOwn);
    else others.forEach((msg) => this.#list.add(msg, this.#isOwn(msg)));
  }

  #loadOlder() {
    const before = this.#list.lowestSeq;
    if (!this.#hasMore || this.#waitingFor !== null || before === null) return;
    if (!this.#request({ type: 'history.before', before, limit: PAGE_SIZE })) return; // offline: try on the next scroll
    this.#waitingFor = before;
    this.#timer = setTimeout(() => this.#stopWaiting(), GIVE_UP_MS);
    this.#render();
  }

  #stopWaiting() {
    clearTimeout(this.#timer);
    this.#waitingFor = null;
    this.#render();
  }

  #render() {
    const { edge, button, start } = this.#elements;
    const anything = this.#list.lowestSeq !== null;
    edge.hidden = !this.#started || !anything;
    button.hidden = !this.#hasMore;
    start.hidden = this.#hasMore;
    // Not `disabled`: a disabled button drops the keyboard focus of whoever just pressed it.
    button.setAttribute('aria-disabled', String(this.#waitingFor !== null));
    button.textContent = this.#waitingFor !== null ? 'Loading older messages…' : 'Load older messages';
  }
}
