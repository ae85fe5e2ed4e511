// On a narrow screen the room sidebar is a drawer: the header's button opens it and moves the focus into it;
// Escape, a tap on the backdrop or choosing a room closes it, and the focus goes back. On a wide screen the
// sidebar is always there and this does nothing.

const NARROW = window.matchMedia('(max-width: 720px)');

export class Drawer {
  #panel;
  #button;
  #backdrop;

  /** panel: the sidebar; button: what opens it; backdrop: covers the page behind it, closing it when tapped. */
  constructor({ panel, button, backdrop }) {
    this.#panel = panel;
    this.#button = button;
    this.#backdrop = backdrop;
    button.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    backdrop.addEventListener('click', () => this.close());
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.isOpen) {
        event.stopPropagation();
        this.close();
      }
    });
    NARROW.addEventListener('change', () => this.#render(false));
    this.#render(false);
  }

  get isOpen() {
    return this.#panel.classList.contains('open');
  }

  open() {
    if (!NARROW.matches) return;
    this.#render(true);
    (this.#panel.querySelector('[aria-current="page"]') ?? this.#panel.querySelector('a, button, input'))?.focus();
  }

  /** refocus: give the focus back to the button (Escape, backdrop); false when it goes somewhere else. */
  close({ refocus = true } = {}) {
    if (!this.isOpen) return;
    this.#render(false);
    if (refocus) this.#button.focus();
  }

  #render(open) {
    this.#panel.classList.toggle('open', open);
    this.#backdrop.hidden = !open;
    this.#button.setAttribute('aria-expanded', String(open));
    // Closed on a phone, the drawer is out of sight: out of the tab order and the accessibility tree too.
    this.#panel.inert = NARROW.matches && !open;
  }
}
