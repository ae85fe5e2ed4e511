// A WebSocket that reconnects by itself and speaks JSON frames.
//
// States: 'connecting' (first attempt), 'open', 'reconnecting' (waiting for, or making, another attempt;
// `retryAt` says when the next one starts) and 'offline' (the browser has no network).
// Events: 'state', 'open', 'close' ({wasOpen}), 'frame' (one parsed JSON object per text frame), and 'failed'
// for an attempt that never opened (the browser does not say why: a refused handshake looks like a lost network).
// The address may be a function, asked again before every attempt: a reconnect can say what it already has.

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

export class ReconnectingSocket extends EventTarget {
  #url;
  #protocol;
  #socket = null;
  #failures = 0; // attempts since the last successful connection
  #timer = 0;
  #stopped = true;
  #everOpened = false;
  state = 'connecting';
  retryAt = 0;

  /** url: the address, or a function returning it for each attempt. */
  constructor(url, protocol) {
    super();
    this.#url = url;
    this.#protocol = protocol;
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => {
      if (this.state !== 'open') this.#setState('offline');
    });
  }

  start() {
    this.#stopped = false;
    this.#connect();
  }

  /** Closes the connection for good (until start is called again). */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.close(1000);
    this.#socket = null;
  }

  /** Sends one frame; returns false, sending nothing, when the connection is not open. */
  send(frame) {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  /** Skips the rest of the backoff wait. */
  retryNow() {
    if (this.#stopped || this.#socket) return;
    clearTimeout(this.#timer);
    this.#connect();
  }

  #connect() {
    this.retryAt = 0;
    this.#setState(this.#everOpened || this.#failures > 0 ? 'reconnecting' : 'connecting');
    const url = typeof this.#url === 'function' ? this.#url() : this.#url;
    const socket = new WebSocket(url, this.#protocol);
    this.#socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.#everOpened = true;
      this.#failures = 0;
      this.#setState('open');
      this.dispatchEvent(new Event('open'));
    });
    socket.addEventListener('message', (event) => {
      const frame = parse(event.data);
      if (frame) this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
    });
    socket.addEventListener('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      if (opened) this.dispatchEvent(new CustomEvent('close', { detail: { wasOpen: true } }));
      else this.dispatchEvent(new Event('failed'));
      if (!this.#stopped) this.#scheduleRetry();
    });
  }

  #scheduleRetry() {
    const ceiling = Math.min(MAX_DELAY_MS, INITIAL_DELAY_MS * 2 ** this.#failures);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2); // jitter spreads a crowd of reconnecting clients
    this.#failures += 1;
    this.retryAt = Date.now() + delay;
    this.#timer = setTimeout(() => this.#connect(), delay);
    this.#setState(navigator.onLine === false ? 'offline' : 'reconnecting');
  }

  #setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, retryAt: this.retryAt } }));
  }
}

/** Builds the room's WebSocket address on the page's own host; `after`, a seq, asks to resume after it. */
export function roomSocketUrl(room, name, after = null) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const resume = Number.isSafeInteger(after) ? `&after=${after}` : '';
  return `${scheme}//${location.host}/ws/chat/${encodeURIComponent(room)}/?name=${encodeURIComponent(name)}${resume}`;
}

function parse(data) {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null; // not JSON: not a frame we understand
  }
}
