// The room sidebar: the rooms we joined (the shown one marked, each with its unread and mention counts and a
// "leave" button), a field to create or join a room by name, and the server's active rooms with their member
// counts. Every control is a link, button or field, so the keyboard reaches them all. Text is only ever set as
// text: room names are never read as HTML.

import { roomProblem } from './names.js';

export class Sidebar {
  #elements;
  #actions;

  /**
   * elements: {joined, active, activeEmpty, form, input, error}; actions: {choose(room), leave(room)}, where
   * choose also serves a room typed in the field.
   */
  constructor(elements, actions) {
    this.#elements = elements;
    this.#actions = actions;
    const { form, input, error } = elements;
    input.addEventListener('input', () => {
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const room = input.value.trim();
      const problem = roomProblem(room);
      if (problem) {
        error.textContent = problem;
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      input.value = '';
      actions.choose(room);
    });
  }

  /** Shows a problem under the create-or-join field, such as the server keeping no more rooms for us. */
  warn(text) {
    this.#elements.error.textContent = text;
    this.#elements.error.hidden = false;
  }

  /** joined: room names in order; shown: the room on show; counts(room): {unread, mentions}. */
  showJoined(joined, shown, counts) {
    this.#elements.joined.replaceChildren(...joined.map((room) => {
      const item = document.createElement('li');
      item.className = 'room-entry';
      item.dataset.room = room;
      const { unread, mentions } = counts(room);
      item.dataset.unread = String(unread);
      item.dataset.mentions = String(mentions);
      const link = this.#link(room);
      if (room === shown) link.setAttribute('aria-current', 'page');
      if (mentions > 0) link.append(badge('mention-count', `@${mentions}`, mentions === 1 ? ' mention' : ' mentions'));
      if (unread > 0) link.append(badge('unread-count', String(unread), ' unread'));
      const leave = document.createElement('button');
      leave.type = 'button';
      leave.className = 'leave-room';
      leave.textContent = '×';
      leave.title = `Leave #${room}`;
      leave.setAttribute('aria-label', `Leave #${room}`);
      leave.addEventListener('click', () => this.#actions.leave(room));
      item.append(link, leave);
      return item;
    }));
  }

  /** rooms: [{room, members}] from the server, without those joined already. */
  showActive(rooms) {
    const { active, activeEmpty } = this.#elements;
    active.replaceChildren(...rooms.map(({ room, members }) => {
      const item = document.createElement('li');
      item.className = 'room-entry';
      item.dataset.room = room;
      const link = this.#link(room);
      if (members !== null) {
        link.append(badge('member-count', String(members), members === 1 ? ' person here' : ' people here'));
      }
      item.append(link);
      return item;
    }));
    activeEmpty.hidden = rooms.length > 0;
  }

  #link(room) {
    const link = document.createElement('a');
    link.className = 'room-link';
    link.href = `/chat/${room}/`;
    const name = document.createElement('span');
    name.className = 'room-link-name';
    name.textContent = `#${room}`;
    link.append(name);
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // a new tab
      event.preventDefault();
      this.#actions.choose(room);
    });
    return link;
  }
}

/** A small count: its figure is seen, and its words ("3 unread") are what screen readers say. */
function badge(className, text, words) {
  const element = document.createElement('span');
  element.className = `badge ${className}`;
  const seen = document.createElement('span');
  seen.setAttribute('aria-hidden', 'true');
  seen.textContent = text;
  const said = document.createElement('span');
  said.className = 'visually-hidden';
  said.textContent = `, ${text.replace(/^@/, '')}${words}`;
  element.append(seen, said);
  return element;
}
