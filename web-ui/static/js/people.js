// Who is in the room: a list beside the messages, or on phones a drop-down under the header's count button.
//
// The server sends the whole list once per connection (`presence`), then changes (`presence.join`,
// `presence.leave`). Names are only ever set with textContent: they are never read as HTML.

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const HUES = 8; // avatar colours, .hue-0 to .hue-7 in people.css

export class PeopleList {
  #panel;
  #list;
  #count;
  #toggle;
  #toggleCount;
  #users = new Set();
  #me = '';
  #heard = false; // has the server said anything about presence yet?

  /** elements: {panel, list, count, toggle}; the toggle opens the panel where it does not fit beside the messages. */
  constructor({ panel, list, count, toggle }) {
    this.#panel = panel;
    this.#list = list;
    this.#count = count;
    this.#toggle = toggle;
    this.#toggleCount = toggle.querySelector('.people-toggle-count');
    toggle.addEventListener('click', () => this.#setOpen(!panel.classList.contains('open')));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && panel.classList.contains('open')) {
        this.#setOpen(false);
        toggle.focus();
      }
    });
    document.addEventListener('click', (event) => {
      if (!panel.contains(event.target) && !toggle.contains(event.target)) this.#setOpen(false);
    });
  }

  /** Our own name, marked in the list. */
  set me(name) {
    this.#me = name;
    this.#render();
  }

  /** Everyone listed as in the room, ourselves included. */
  get names() {
    return [...this.#users];
  }

  /** The server's list of everyone in the room: it replaces whatever was shown, stale entries included. */
  replace(users) {
    this.#users = new Set(users.filter((user) => typeof user === 'string' && user !== ''));
    this.#heard = true;
    this.#panel.classList.remove('stale');
    this.#render();
  }

  /** Returns true if the user was not listed yet. */
  add(user) {
    this.#heard = true;
    if (this.#users.has(user)) return false;
    this.#users.add(user);
    this.#render();
    return true;
  }

  /** Returns true if the user was listed. */
  remove(user) {
    if (!this.#users.delete(user)) return false;
    this.#render();
    return true;
  }

  /** The connection dropped: the list stays, dimmed, until the server sends a fresh one. */
  markStale() {
    this.#panel.classList.add('stale');
  }

  #render() {
    if (!this.#heard) return; // a server that sends no presence gets no (empty, misleading) list
    const others = [...this.#users].filter((user) => user !== this.#me).sort(byName.compare);
    const users = this.#users.has(this.#me) ? [this.#me, ...others] : others;
    this.#list.replaceChildren(...users.map((user) => person(user, user === this.#me)));
    this.#count.textContent = `${users.length} here`;
    this.#toggleCount.textContent = String(users.length); // the toggle says " here" itself, where it fits
    this.#panel.hidden = false;
    this.#toggle.hidden = false;
  }

  #setOpen(open) {
    this.#panel.classList.toggle('open', open);
    this.#toggle.setAttribute('aria-expanded', String(open));
  }
}

function person(user, isMe) {
  const item = document.createElement('li');
  item.className = isMe ? 'person me' : 'person';
  item.dataset.user = user;

  const avatar = document.createElement('span');
  avatar.className = `avatar hue-${hue(user)}`;
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = [...user][0].toUpperCase();

  const name = document.createElement('span');
  name.className = 'person-name';
  name.textContent = user;
  name.title = user; // long names are cut short in the list
  item.append(avatar, name);
  if (isMe) {
    const you = document.createElement('span');
    you.className = 'you';
    you.textContent = '(you)';
    item.append(' ', you);
  }
  return item;
}

/** The same colour for a name on every page: FNV-1a, mixed at the end so that its weak low bits count less. */
function hue(user) {
  let hash = 0x811c9dc5;
  for (const char of user) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x045d9f3b);
  return ((hash ^ (hash >>> 16)) >>> 0) % HUES;
}
