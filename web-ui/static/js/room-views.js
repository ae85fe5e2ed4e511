// The rooms open in this page, one RoomView each, all connected; one is shown at a time. Counts what comes in
// unseen: in rooms not shown, and in the shown one while the tab is hidden.
//
// Events: 'change' when the rooms, the shown one or their counts change; 'shown-state' when the shown room's
// connection state or our name there changes; 'opened' (a RoomView) as a room connects; 'message' ({room, mention, user, text}) for news from others.

import { RoomView } from './room-view.js';
import { UnreadCounts } from './unread.js';

export class RoomViews extends EventTarget {
  unread = new UnreadCounts();
  #views = new Map(); // room -> RoomView, in the order joined
  #shown = null;
  #name;
  #signedIn;
  #templates;
  #places;

  /** name: the name we chat under; signedIn: as RoomView takes it; templates and places: as RoomView takes them. */
  constructor(name, signedIn, templates, places) {
    super();
    this.#name = name;
    this.#signedIn = signedIn;
    this.#templates = templates;
    this.#places = places;
    this.unread.addEventListener('change', () => this.dispatchEvent(new Event('change')));
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.#shown) this.unread.clear(this.#shown.room);
    });
  }

  /** The rooms open here, in the order they were opened. */
  get rooms() {
    return [...this.#views.keys()];
  }

  /** The RoomView on show, or null. */
  get shown() {
    return this.#shown;
  }

  has(room) {
    return this.#views.has(room);
  }

  /** Opens (connects) a room without showing it; nothing happens for one open already. */
  open(room) {
    if (this.#views.has(room)) return;
    const view = new RoomView(room, this.#name, this.#signedIn, this.#templates, this.#places);
    view.addEventListener('message', ({ detail }) => {
      if (view !== this.#shown || document.hidden) this.unread.bump(room, detail.mention);
      this.dispatchEvent(new CustomEvent('message', { detail: { room, ...detail } }));
    });
    for (const type of ['state', 'me']) {
      view.addEventListener(type, () => {
        if (view === this.#shown) this.dispatchEvent(new Event('shown-state'));
      });
    }
    this.#views.set(room, view);
    this.dispatchEvent(new CustomEvent('opened', { detail: view }));
    view.socket.start();
    this.dispatchEvent(new Event('change'));
  }

  /** Shows a room, opening it first if need be; its counts are cleared, as it is read now. */
  show(room) {
    this.open(room);
    const view = this.#views.get(room);
    if (view === this.#shown) return;
    this.#shown?.hide();
    this.#shown = view;
    view.show();
    this.unread.clear(room);
    this.dispatchEvent(new Event('shown-state'));
    this.dispatchEvent(new Event('change'));
  }

  /** Closes a room's connection and drops its view; the caller shows another. */
  leave(room) {
    const view = this.#views.get(room);
    if (!view) return;
    if (view === this.#shown) this.#shown = null;
    view.leave();
    this.#views.delete(room);
    this.unread.clear(room);
    this.dispatchEvent(new Event('change'));
  }

  /** Whether any room holds messages of ours that have not gone out. */
  hasUnsent() {
    return [...this.#views.values()].some((view) => view.hasUnsent());
  }
}
