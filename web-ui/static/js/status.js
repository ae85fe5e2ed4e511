// Shows the connection state: the badge in the header and, while disconnected, the banner.

const LABELS = { connecting: 'Connecting…', open: 'Connected', reconnecting: 'Reconnecting', offline: 'Offline' };

export class ConnectionStatus {
  #badge;
  #label;
  #countdown; // aria-hidden: screen readers hear the state once, not every second
  #banner;
  #bannerText;
  #ticker = 0;

  /** onRetry is called when the user asks to reconnect now. */
  constructor(badge, banner, onRetry) {
    this.#badge = badge;
    this.#label = badge.querySelector('.label');
    this.#countdown = badge.querySelector('.countdown');
    this.#banner = banner;
    this.#bannerText = banner.querySelector('.banner-text');
    banner.querySelector('button').addEventListener('click', onRetry);
  }

  show(state, retryAt) {
    clearInterval(this.#ticker);
    this.#badge.dataset.state = state;
    this.#label.textContent = LABELS[state];
    this.#tick(state, retryAt);
    if (state === 'reconnecting' && retryAt > Date.now()) {
      this.#ticker = setInterval(() => this.#tick(state, retryAt), 250);
    }
    const down = state === 'reconnecting' || state === 'offline';
    this.#banner.hidden = !down;
    this.#bannerText.textContent = state === 'offline'
      ? 'You are offline. Messages you send will wait here and go out when the network is back.'
      : 'Connection lost. Messages you send will wait here and go out when we reconnect.';
  }

  #tick(state, retryAt) {
    const seconds = Math.ceil((retryAt - Date.now()) / 1000);
    let text = '';
    if (state === 'reconnecting') text = seconds > 0 ? `\u00a0in ${seconds} s` : '…';
    if (this.#countdown.textContent !== text) this.#countdown.textContent = text;
  }
}
