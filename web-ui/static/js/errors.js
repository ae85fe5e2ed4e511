// Error messages from the server, shown next to the composer until dismissed or replaced.

const SHOW_MS = 10_000;
const KEEP = 3;

export class ErrorNotices {
  #element;

  constructor(element) {
    this.#element = element;
  }

  show(text) {
    const notice = document.createElement('p');
    notice.className = 'error';
    const message = document.createElement('span');
    message.textContent = text;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'dismiss';
    close.setAttribute('aria-label', 'Dismiss');
    close.textContent = '×';
    close.addEventListener('click', () => notice.remove());
    notice.append(message, close);
    this.#element.append(notice);
    while (this.#element.children.length > KEEP) this.#element.firstElementChild.remove();
    setTimeout(() => notice.remove(), SHOW_MS);
  }
}
