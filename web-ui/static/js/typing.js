// "Typing" both ways: TypingSignal tells the room we type, TypingIndicator shows who else does.

const RESEND_MS = 3_000; // while typing, say so at most this often
const IDLE_MS = 5_000; // no keystroke for this long: we stopped typing
const EXPIRE_MS = 6_000; // others: forget a typist after this long without a new frame

export class TypingSignal {
  #send;
  #active = false;
  #lastSent = 0;
  #idleTimer = 0;

  /** send(frame) may fail quietly: typing is a hint, not worth queueing. */
  constructor(send) {
    this.#send = send;
  }

  /** Call on every edit of the draft. */
  edited(draft) {
    if (draft.trim() === '') {
      this.stop();
      return;
    }
    const now = Date.now();
    if (!this.#active || now - this.#lastSent >= RESEND_MS) {
      this.#active = this.#send({ type: 'typing', active: true });
      this.#lastSent = now;
    }
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.stop(), IDLE_MS);
  }

  stop() {
    clearTimeout(this.#idleTimer);
    if (this.#active) this.#send({ type: 'typing', active: false });
    this.#active = false;
  }

  /** The connection dropped: the server forgot us, so the next keystroke announces us again. */
  reset() {
    clearTimeout(this.#idleTimer);
    this.#active = false;
  }
}

export class TypingIndicator {
  #element;
  #typists = new Map(); // user -> expiry timer

  constructor(element) {
    this.#element = element;
  }

  update(user, active) {
    clearTimeout(this.#typists.get(user));
    if (active) this.#typists.set(user, setTimeout(() => this.update(user, false), EXPIRE_MS));
    else this.#typists.delete(user);
    this.#render();
  }

  clear() {
    for (const timer of this.#typists.values()) clearTimeout(timer);
    this.#typists.clear();
    this.#render();
  }

  #render() {
    const users = [...this.#typists.keys()];
    this.#element.textContent = describe(users);
    this.#element.classList.toggle('active', users.length > 0);
  }
}

function describe(users) {
  switch (users.length) {
    case 0: return '';
    case 1: return `${users[0]} is typing…`;
    case 2: return `${users[0]} and ${users[1]} are typing…`;
    case 3: return `${users[0]}, ${users[1]} and ${users[2]} are typing…`;
    default: return `${users[0]}, ${users[1]} and ${users.length - 2} others are typing…`;
  }
}
