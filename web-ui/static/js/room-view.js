// One joined room: its own connection, message list, history, people and composer, in its own copy of the
// page's room template. Several live side by side; only the shown one is visible and carries the page's ids
// (the template names them in data-id), so labels, ARIA references and styles find the shown room's parts.
//
// Events: 'message' ({mention}) for each new live message from somebody else, 'state' when the connection
// state changes, 'me' when the server gives us another name here.

import { Composer } from './composer.js';
import { ReconnectingSocket, roomSocketUrl } from './connection.js';
import { ErrorNotices } from './errors.js';
import { MessageEditor } from './message-actions.js';
import { RoomHistory } from './history.js';
import { MentionCompleter } from './mention-complete.js';
import { mentions } from './mentions.js';
import { MessageList } from './message-list.js';
import { isChatMessage, isMessageChange, seqOf } from './message-view.js';
import { Outbox } from './outbox.js';
import { PeopleList } from './people.js';
import { TypingIndicator, TypingSignal } from './typing.js';

const PROTOCOL = 'parley.v1';
const NO_HISTORY_AFTER_MS = 3_000; // a server that sends no history frame: stop waiting for one

export class RoomView extends EventTarget {
  room;
  me;
  socket;
  #root;
  #tools;
  #scroller;
  #list;
  #outbox;
  #composer;
  #savedScroll = null; // {top, pinned} while hidden
  #signedIn;
  #postedNow = new Set(); // a guest's: the seqs this connection posted, which it may edit and delete

  /**
   * templates: {view, tools}; places: {views, tools}, where the copies go; name: the name we ask for; signedIn:
   * we may edit and delete our messages of any time, where a guest may change only those of this connection.
   */
  constructor(room, name, signedIn, templates, places) {
    super();
    this.room = room;
    this.me = name;
    this.#signedIn = signedIn;
    this.#root = templates.view.content.firstElementChild.cloneNode(true);
    this.#root.dataset.room = room;
    this.#tools = document.createElement('span');
    this.#tools.className = 'room-tools-of';
    this.#tools.hidden = true;
    this.#tools.append(templates.tools.content.firstElementChild.cloneNode(true));
    places.views.append(this.#root);
    places.tools.append(this.#tools);
    this.#wire(name);
  }

  /** Shows this room, giving its parts the page's ids, where it was scrolled to when last hidden. */
  show() {
    for (const part of this.#parts()) part.id = part.dataset.id;
    this.#root.hidden = false;
    this.#tools.hidden = false;
    const saved = this.#savedScroll;
    this.#savedScroll = null;
    if (saved === null || saved.pinned) this.#list.scrollToBottom();
    else this.#scroller.scrollTop = saved.top;
  }

  /** Hides this room; it stays connected and keeps its messages and scroll position. */
  hide() {
    const scroller = this.#scroller;
    this.#savedScroll = { top: scroller.scrollTop,
      pinned: scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48 };
    this.#root.hidden = true;
    this.#tools.hidden = true;
    for (const part of this.#parts()) part.removeAttribute('id');
  }

  focusComposer() {
    this.#composer.focus();
  }

  hasUnsent() {
    return this.#outbox.hasUnsent();
  }

  /** Closes the connection for good and removes the room's parts from the page. */
  leave() {
    this.socket.stop();
    this.#root.remove();
    this.#tools.remove();
  }

  #parts() {
    return [this.#root, ...this.#root.querySelectorAll('[data-id]'), ...this.#tools.querySelectorAll('[data-id]')];
  }

  #part(id) {
    return this.#root.dataset.id === id ? this.#root
      : this.#root.querySelector(`[data-id="${id}"]`) ?? this.#tools.querySelector(`[data-id="${id}"]`);
  }

  #wire(name) {
    const room = this.room;
    const part = (id) => this.#part(id);
    this.#scroller = part('timeline-scroller');
    // Every attempt after the first resumes after the last message shown: the server sends just what we missed.
    const socket = new ReconnectingSocket(() => roomSocketUrl(room, name, roomHistory.resumeAfter), PROTOCOL);
    this.socket = socket;
    const send = (frame) => socket.send(frame);
    const list = new MessageList(
      { scroller: this.#scroller, past: part('earlier-messages'), live: part('live-messages'), jump: part('jump') },
      {
        retry: (clientId) => outbox.retry(clientId),
        discard: (clientId) => outbox.discard(clientId),
        room: () => ({ names: people.names, me: this.me }),
        editable: (msg) => (this.#signedIn ? msg.user === this.me : this.#postedNow.has(msg.seq)),
      },
    );
    this.#list = list;
    const outbox = new Outbox(send, list, this.me);
    this.#outbox = outbox;
    const roomHistory = new RoomHistory(
      { scroller: this.#scroller, edge: part('history-edge'), button: part('load-older'),
        start: part('history-start'), hint: part('empty-hint') },
      { list, outbox, request: send, isOwn: (msg) => msg.user === this.me },
    );
    const typingSignal = new TypingSignal(send);
    const typing = new TypingIndicator(part('typing'));
    const errors = new ErrorNotices(part('errors'));
    const editor = new MessageEditor(part('messages'), { list, send, showError: (text) => errors.show(text) });
    /** An edit or a deletion, ours or someone else's: its message changes in place. */
    const changed = (frame) => {
      if (!isMessageChange(frame)) return;
      list.add(frame, false);
      editor.changed(frame);
      roomHistory.checkGaps();
    };
    const people = new PeopleList({
      panel: part('people-panel'), list: part('people'), count: part('people-count'), toggle: part('people-toggle'),
    });
    people.me = this.me;
    // Its keys are heard before the Composer's: Enter picks a name while the list is open, else sends.
    new MentionCompleter({ form: part('composer-form'), input: part('composer'), listbox: part('mention-suggestions') },
      () => people.names.filter((user) => user !== this.me));
    part('composer').placeholder = `Message #${room}`;
    this.#composer = new Composer(
      { form: part('composer-form'), input: part('composer'), sendButton: part('send'), counter: part('counter') },
      {
        onSend: (text) => {
          typingSignal.stop();
          outbox.submit(text);
        },
        onEdit: (draft) => typingSignal.edited(draft),
      },
    );

    const renamed = (user, notice) => {
      this.me = user;
      outbox.user = user;
      people.me = user;
      list.notice(notice);
      this.dispatchEvent(new Event('me'));
    };

    // One handler per frame type; frames of other types are ignored, as the protocol asks.
    const handlers = {
      welcome: (frame) => {
        if (typeof frame.user === 'string' && frame.user !== this.me) {
          // the server picked a guest name instead of ours
          const why = typeof frame.name_refused === 'string' ? ` (${frame.name_refused})` : '';
          renamed(frame.user, `The server did not accept the name “${name}”${why}, so you are “${frame.user}” here.`);
        }
        if (Number.isInteger(frame.max_message_length)) this.#composer.maxLength = frame.max_message_length;
      },
      renamed(frame) {
        // Somebody registered the name we held as a guest: we chat under the server's guest name from now on.
        if (!isName(frame.user)) return;
        const why = typeof frame.reason === 'string' ? frame.reason : `you are “${frame.user}” now`;
        renamed(frame.user, `Your name changed: ${why}.`);
      },
      'chat.message': (frame) => {
        if (!isChatMessage(frame)) return;
        // A seq shown already is ignored; a new one from somebody else is news, a mention more so.
        if (!outbox.echoed(frame) && list.add(frame, frame.user === this.me) && frame.user !== this.me) {
          const mention = mentions(frame.message, people.names, this.me);
          this.dispatchEvent(new CustomEvent('message', { detail: { mention, user: frame.user, text: frame.message } }));
        }
        roomHistory.checkGaps();
        typing.update(frame.user, false);
      },
      'chat.ack': (frame) => {
        if (typeof frame.client_id !== 'string') return;
        if (!this.#signedIn && seqOf(frame) !== null && frame.duplicate !== true && outbox.owns(frame.client_id)) {
          this.#postedNow.add(seqOf(frame));
          list.refreshEditable();
        }
        outbox.acked(frame.client_id, seqOf(frame), String(frame.sent_at ?? ''));
      },
      'chat.edit': changed,
      'chat.delete': changed,
      history(frame) {
        roomHistory.received(frame);
      },
      typing(frame) {
        if (typeof frame.user === 'string' && typeof frame.active === 'boolean') typing.update(frame.user, frame.active);
      },
      presence(frame) {
        if (Array.isArray(frame.users)) people.replace(frame.users); // no "joined" lines for who was already here
      },
      'presence.join': (frame) => {
        if (isName(frame.user) && people.add(frame.user) && frame.user !== this.me) list.system(`${frame.user} joined`);
      },
      'presence.leave': (frame) => {
        // Never ourselves: this open connection keeps us in the room whatever an older one's close said.
        if (!isName(frame.user) || frame.user === this.me) return;
        typing.update(frame.user, false);
        if (people.remove(frame.user)) list.system(`${frame.user} left`);
      },
      error(frame) {
        const text = typeof frame.message === 'string' ? frame.message : 'The server refused a message.';
        errors.show(text);
        if (typeof frame.client_id === 'string' && !editor.refused(frame.client_id)) outbox.refused(frame.client_id, text);
        // Refused without a client_id: maybe our history.before, whose answer then will not come.
        if (frame.code === 'invalid_request' || (frame.code === 'unavailable' && frame.client_id === undefined)) {
          roomHistory.requestRefused();
        }
      },
    };

    socket.addEventListener('frame', ({ detail: frame }) => {
      if (Object.hasOwn(handlers, frame.type)) handlers[frame.type](frame);
    });
    socket.addEventListener('state', () => this.dispatchEvent(new Event('state')));
    socket.addEventListener('open', () => {
      outbox.flush(); // the same client_ids as before: the server posts each message once, however often it gets it
      editor.resend();
      setTimeout(() => roomHistory.revealHintUnlessStarted(), NO_HISTORY_AFTER_MS);
    });
    socket.addEventListener('close', () => {
      roomHistory.connectionLost();
      typing.clear();
      typingSignal.reset();
      people.markStale();
      outbox.connectionLost();
      if (!this.#signedIn && this.#postedNow.size > 0) {
        this.#postedNow.clear(); // a guest's right to change its messages ends with the connection that posted them
        list.refreshEditable();
      }
    });
  }
}

function isName(value) {
  return typeof value === 'string' && value !== '';
}
