// The message composer: Enter sends, Shift+Enter adds a line, a counter appears near the length limit.

const COUNTER_FROM = 500; // show the counter when this few characters are left
const MAX_HEIGHT_PX = 200;

export class Composer {
  #input;
  #sendButton;
  #counter;
  #maxLength = 4000;
  #onSend;
  #onEdit;

  /** onSend(text) posts a message; onEdit(draft) hears every change of the draft. */
  constructor({ form, input, sendButton, counter }, { onSend, onEdit }) {
    this.#input = input;
    this.#sendButton = sendButton;
    this.#counter = counter;
    this.#onSend = onSend;
    this.#onEdit = onEdit;
    input.addEventListener('keydown', (event) => {
      // isComposing: Enter that confirms an IME candidate must not send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#submit();
      }
    });
    input.addEventListener('input', () => {
      this.#refresh();
      this.#onEdit(input.value);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
      input.focus();
    });
    this.#refresh();
  }

  set maxLength(value) {
    this.#maxLength = value;
    this.#refresh();
  }

  focus() {
    this.#input.focus();
  }

  #submit() {
    const text = tidy(this.#input.value);
    if (text === '' || text.length > this.#maxLength) return; // the counter already says why
    this.#onSend(text);
    this.#input.value = '';
    this.#refresh();
    this.#onEdit('');
  }

  #refresh() {
    const input = this.#input;
    const length = tidy(input.value).length;
    const left = this.#maxLength - length;
    this.#counter.hidden = left > COUNTER_FROM;
    this.#counter.textContent = left >= 0 ? `${left} left` : `${-left} over the limit`;
    this.#counter.classList.toggle('over', left < 0);
    input.setAttribute('aria-invalid', String(left < 0));
    this.#sendButton.disabled = length === 0 || left < 0;
    // Grow with the draft: scrollHeight leaves out the borders, which border-box sizing counts.
    const borders = input.offsetHeight - input.clientHeight;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + borders, MAX_HEIGHT_PX)}px`;
  }
}

/** Drops blank lines at the start and white space at the end; keeps the first line's indentation. */
function tidy(text) {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}
