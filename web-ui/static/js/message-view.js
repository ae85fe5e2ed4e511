// How one chat message looks: its element, built with textContent only, so a message is never read as HTML.
// Web addresses become links and @names of people in the room are marked, from the segments of linkify.js and
// mentions.js.

import { linkSegments } from './linkify.js';
import { mentionSegments } from './mentions.js';

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** True for a chat message object that can be shown: text and sender are strings. */
export function isChatMessage(msg) {
  return msg !== null && typeof msg === 'object' && (msg.type === undefined || msg.type === 'chat.message')
    && typeof msg.user === 'string' && typeof msg.message === 'string';
}

/** True for an edit or a deletion of a message: a `chat.edit` or `chat.delete` with its own seq and a target. */
export function isMessageChange(msg) {
  return msg !== null && typeof msg === 'object' && (msg.type === 'chat.edit' || msg.type === 'chat.delete')
    && Number.isSafeInteger(msg.seq) && Number.isSafeInteger(msg.target)
    && (msg.type === 'chat.delete' || typeof msg.message === 'string');
}

/** The message's place in the room's history, or null when the server gave none. */
export function seqOf(msg) {
  return Number.isSafeInteger(msg.seq) && msg.seq >= 0 ? msg.seq : null;
}

/**
 * A message element; `own` marks our own, `state` is 'sent', 'pending' or 'failed'; `room` is {names, me}: the
 * people present, whose @mentions are marked, and our name: a message of someone else's that mentions it is
 * marked `mentions-me`.
 */
export function renderMessage(msg, own, state, room = { names: [], me: '' }) {
  const item = document.createElement('li');
  item.className = own ? 'message own' : 'message';
  item.dataset.state = state;
  const seq = seqOf(msg);
  if (seq !== null) item.dataset.seq = String(seq);

  const meta = document.createElement('div');
  meta.className = 'meta';
  const user = document.createElement('span');
  user.className = 'user';
  user.textContent = msg.user;
  meta.append(user);
  if (msg.guest === true) {
    // Anybody may be a guest under any free name: say so, so a guest is not taken for a member.
    const badge = document.createElement('span');
    badge.className = 'guest-badge';
    badge.textContent = 'guest';
    badge.title = 'Not signed in: this name belongs to no account';
    meta.append(badge);
  }
  meta.append(timeElement(msg.sent_at));
  const edited = document.createElement('span');
  edited.className = 'edited-mark';
  meta.append(edited);
  if (own) {
    const delivery = document.createElement('span');
    delivery.className = 'delivery';
    meta.append(delivery);
  }

  const text = document.createElement('p');
  text.className = 'text';
  item.append(meta, text);
  if (msg.deleted === true) showDeleted(item);
  else showText(item, msg.message, typeof msg.edited_at === 'string' ? msg.edited_at : null, own, room);
  return item;
}

/** Shows an edit or a deletion on the message's element, in place. */
export function showChange(item, change, room) {
  if (change.type === 'chat.delete') showDeleted(item);
  else if (!item.classList.contains('deleted')) {
    showText(item, change.message, change.sent_at, item.classList.contains('own'), room);
  }
}

/** The text, links and mentions; `editedAt` (or null) marks the text as changed since it was sent. */
function showText(item, message, editedAt, own, room) {
  const text = item.querySelector('.text');
  text.replaceChildren();
  const mentioned = appendText(text, message, room.names);
  item.classList.toggle('mentions-me',
    !own && mentioned.some((user) => user.toLowerCase() === room.me.toLowerCase()));
  if (editedAt !== null) {
    const mark = item.querySelector('.edited-mark');
    mark.textContent = 'edited';
    const date = new Date(editedAt);
    mark.title = Number.isNaN(date.getTime()) ? 'Edited' : `Edited ${fullDate.format(date)}`;
  }
}

function showDeleted(item) {
  item.classList.add('deleted');
  item.classList.remove('mentions-me');
  item.querySelector('.text').textContent = 'Message deleted';
  item.querySelector('.edited-mark').textContent = '';
  item.querySelector('.message-actions')?.remove();
}

/** Appends the message's text, links and mentions as nodes; returns the users mentioned. */
function appendText(parent, message, names) {
  const mentioned = [];
  for (const part of linkSegments(message)) {
    if (part.type === 'link') {
      const link = document.createElement('a');
      link.href = part.href;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = part.text;
      parent.append(link);
      continue;
    }
    for (const piece of mentionSegments(part.text, names)) {
      if (piece.type === 'text') {
        parent.append(piece.text);
        continue;
      }
      const mention = document.createElement('span');
      mention.className = 'mention';
      mention.dataset.user = piece.user;
      mention.textContent = piece.text;
      parent.append(mention);
      mentioned.push(piece.user);
    }
  }
  return mentioned;
}

export function linkButton(label, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'link-button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

function timeElement(sentAt) {
  const time = document.createElement('time');
  time.className = 'time';
  const date = new Date(sentAt);
  if (Number.isNaN(date.getTime())) return time;
  time.dateTime = date.toISOString();
  time.title = fullDate.format(date);
  const today = date.toDateString() === new Date().toDateString();
  time.textContent = (today ? timeOfDay : dayAndTime).format(date);
  return time;
}
