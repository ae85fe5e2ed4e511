// Completes "@name" in the composer from the people in the room: a list under the composer while an @ word is
// typed; ↑/↓ choose, Tab or Enter picks, Escape closes. The textarea is a combobox pointing at the listbox, so
// screen readers hear the option chosen (aria-activedescendant) while the focus stays in the text.

import { mentionBeingTyped } from './mentions.js';

const MAX_SHOWN = 8;
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export class MentionCompleter {
  #input;
  #listbox;
  #names;
  #options = [];
  #chosen = 0;
  #typed = null; // {start, prefix} of the @ word being completed

  /** names() gives the people to offer (ourselves left out by the caller). */
  constructor({ form, input, listbox }, names) {
    this.#input = input;
    this.#listbox = listbox;
    this.#names = names;
    input.addEventListener('input', () => this.#update());
    input.addEventListener('click', () => this.#update());
    input.addEventListener('blur', () => this.#close());
    // Capture on the form: runs before the composer's own Enter-to-send on the textarea.
    form.addEventListener('keydown', (event) => this.#key(event), true);
    // mousedown, not click: a click would blur the textarea first, closing the list.
    listbox.addEventListener('mousedown', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option === null) return;
      event.preventDefault();
      this.#pick(Number(option.dataset.index));
    });
  }

  #key(event) {
    if (event.target !== this.#input || this.#listbox.hidden || event.isComposing) return;
    const handled = {
      ArrowDown: () => this.#choose(this.#chosen + 1),
      ArrowUp: () => this.#choose(this.#chosen - 1),
      Enter: () => this.#pick(this.#chosen),
      Tab: () => this.#pick(this.#chosen),
      Escape: () => this.#close(),
    }[event.key];
    if (handled === undefined || (event.key === 'Enter' && event.shiftKey)) return;
    event.preventDefault();
    event.stopPropagation();
    handled();
  }

  #update() {
    const input = this.#input;
    this.#typed = input.selectionStart === input.selectionEnd ? mentionBeingTyped(input.value, input.selectionStart) : null;
    if (this.#typed === null) {
      this.#close();
      return;
    }
    const prefix = this.#typed.prefix.toLowerCase();
    this.#options = [...this.#names()]
      .filter((name) => name.toLowerCase().startsWith(prefix))
      .sort(byName.compare)
      .slice(0, MAX_SHOWN);
    if (this.#options.length === 0) {
      this.#close();
      return;
    }
    this.#listbox.replaceChildren(...this.#options.map((name, index) => {
      const option = document.createElement('li');
      option.id = `mention-option-${index}`;
      option.setAttribute('role', 'option');
      option.dataset.index = String(index);
      option.textContent = name;
      return option;
    }));
    this.#listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    this.#choose(0);
  }

  #choose(index) {
    const count = this.#options.length;
    this.#chosen = (index + count) % count;
    for (const option of this.#listbox.children) {
      option.setAttribute('aria-selected', String(Number(option.dataset.index) === this.#chosen));
    }
    this.#input.setAttribute('aria-activedescendant', `mention-option-${this.#chosen}`);
  }

  #pick(index) {
    const name = this.#options[index];
    const { start } = this.#typed;
    const input = this.#input;
    const end = input.selectionStart;
    const inserted = `@${name} `;
    input.value = input.value.slice(0, start) + inserted + input.value.slice(end);
    const caret = start + inserted.length;
    input.setSelectionRange(caret, caret);
    this.#close();
    input.dispatchEvent(new Event('input', { bubbles: true })); // the composer's counter and typing signal
  }

  #close() {
    this.#typed = null;
    this.#listbox.hidden = true;
    this.#listbox.replaceChildren();
    this.#input.setAttribute('aria-expanded', 'false');
    this.#input.removeAttribute('aria-activedescendant');
  }
}
