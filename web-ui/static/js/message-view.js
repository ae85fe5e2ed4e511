// How one chat message looks: its element, built with textContent only, so a message is never read as HTML.

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** True for a chat message object that can be shown: text and sender are strings. */
export function isChatMessage(msg) {
  return msg !== null && typeof msg === 'object' && typeof msg.user === 'string' && typeof msg.message === 'string';
}

/** The message's place in the room's history, or null when the server gave none. */
export function seqOf(msg) {
  return Number.isSafeInteger(msg.seq) && msg.seq >= 0 ? msg.seq : null;
}

/** A message element; `own` marks our own, `state` is 'sent', 'pending' or 'failed'. */
export function renderMessage(msg, own, state) {
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
  if (own) {
    const delivery = document.createElement('span');
    delivery.className = 'delivery';
    meta.append(delivery);
  }

  const text = document.createElement('p');
  text.className = 'text';
  text.textContent = msg.message;
  item.append(meta, text);
  return item;
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
