// The room's message list. Text is only ever set with textContent: messages are never read as HTML.
//
// Confirmed messages (echoed by the server) come first, in the server's order; messages of our own that
// the server has not echoed yet stay below them, so every client shows the room in the same order.

const NEAR_BOTTOM_PX = 48;
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

const DELIVERY_LABELS = { queued: 'Waiting for connection…', sending: 'Sending…', sent: '', failed: 'Not sent' };

export class MessageList {
  #list;
  #jump;
  #actions;

  /** actions: {retry(clientId), discard(clientId)} for messages that failed. */
  constructor(list, jumpButton, actions) {
    this.#list = list;
    this.#jump = jumpButton;
    this.#actions = actions;
    list.addEventListener('scroll', () => {
      if (this.#atBottom()) this.#jump.hidden = true;
    });
    jumpButton.addEventListener('click', () => this.scrollToBottom());
  }

  /** Adds a message the server sent; `own` marks it as ours. */
  add(msg, own) {
    this.#change(() => this.#list.insertBefore(render(msg, own, 'sent'), this.#firstUnconfirmed()));
  }

  /** Shows a message of ours that the server has not confirmed yet. */
  addPending(clientId, user, text, delivery) {
    const item = render({ user, message: text, sent_at: new Date().toISOString() }, true, 'pending');
    item.dataset.clientId = clientId;
    item.classList.add('unconfirmed');
    this.#change(() => this.#list.append(item), true);
    this.setDelivery(clientId, delivery);
  }

  /** delivery: 'queued' | 'sending' | 'sent' | 'failed'; `reason` explains a failure. */
  setDelivery(clientId, delivery, reason = '') {
    const item = this.#find(clientId);
    if (!item) return;
    item.dataset.state = delivery === 'sent' ? 'sent' : delivery === 'failed' ? 'failed' : 'pending';
    item.dataset.delivery = delivery;
    const status = item.querySelector('.delivery');
    status.textContent = reason ? `${DELIVERY_LABELS[delivery]}: ${reason}` : DELIVERY_LABELS[delivery];
    if (delivery === 'failed') {
      status.append(' ', button('Retry', () => this.#actions.retry(clientId)),
        ' ', button('Delete', () => this.#actions.discard(clientId)));
    }
  }

  /** Replaces our pending message with the server's copy, moved to its place in the server's order. */
  confirm(clientId, msg) {
    this.remove(clientId);
    const item = render(msg, true, 'sent');
    item.dataset.clientId = clientId;
    this.#change(() => this.#list.insertBefore(item, this.#firstUnconfirmed()));
  }

  remove(clientId) {
    this.#find(clientId)?.remove();
  }

  /** A line for you from the page itself, such as news of a lost connection. */
  notice(text) {
    this.#line('notice', text);
  }

  /** A quieter line about the room, such as someone joining it. */
  system(text) {
    this.#line('system', text);
  }

  #line(className, text) {
    const item = document.createElement('li');
    item.className = className;
    item.textContent = text;
    this.#change(() => this.#list.insertBefore(item, this.#firstUnconfirmed()));
  }

  scrollToBottom() {
    this.#list.scrollTop = this.#list.scrollHeight;
    this.#jump.hidden = true;
  }

  #change(mutate, forceScroll = false) {
    const stick = forceScroll || this.#atBottom();
    mutate();
    if (stick) this.scrollToBottom();
    else this.#jump.hidden = false;
  }

  #atBottom() {
    const list = this.#list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM_PX;
  }

  #firstUnconfirmed() {
    return this.#list.querySelector(':scope > .unconfirmed');
  }

  #find(clientId) {
    return [...this.#list.querySelectorAll(':scope > .message')].find((item) => item.dataset.clientId === clientId);
  }
}

function render(msg, own, state) {
  const item = document.createElement('li');
  item.className = own ? 'message own' : 'message';
  item.dataset.state = state;

  const meta = document.createElement('div');
  meta.className = 'meta';
  const user = document.createElement('span');
  user.className = 'user';
  user.textContent = msg.user;
  meta.append(user, timeElement(msg.sent_at));
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

function button(label, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'link-button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}
