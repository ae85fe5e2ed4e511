// The room page: wires the connection to the message list, the composer and the indicators.

import { whoAmI } from './account.js';
import { Composer } from './composer.js';
import { ReconnectingSocket, roomSocketUrl } from './connection.js';
import { ErrorNotices } from './errors.js';
import { RoomHistory } from './history.js';
import { MentionAlerts } from './mention-alerts.js';
import { MentionCompleter } from './mention-complete.js';
import { mentions } from './mentions.js';
import { MessageEditor } from './message-actions.js';
import { MessageList } from './message-list.js';
import { isChatMessage, isMessageChange, seqOf } from './message-view.js';
import { askForName } from './name-prompt.js';
import { loadName, roomFromPath } from './names.js';
import { Outbox } from './outbox.js';
import { PeopleList } from './people.js';
import { ConnectionStatus } from './status.js';
import { themeToggle } from './theme.js';
import { TypingIndicator, TypingSignal } from './typing.js';

const PROTOCOL = 'parley.v1';
const NO_HISTORY_AFTER_MS = 3_000; // a server that sends no history frame: stop waiting for one
const RECHECK_MS = 10_000; // how often failed attempts may ask whether we must sign in
const byId = (id) => document.getElementById(id);

themeToggle(byId('theme-toggle'));

const room = roomFromPath(location.pathname);
if (room) {
  document.title = `#${room} · Parley`;
  byId('room-name').textContent = room;
  byId('composer').placeholder = `Message #${room}`;
  for (const link of [byId('prompt-sign-in'), byId('members-sign-in')]) link.href = `/?room=${room}`;
  chooseName();
} else {
  byId('room-name').textContent = 'No such room';
  byId('bad-room').hidden = false;
  byId('chat').hidden = true;
}

/** Signed in: the account's name. A guest: the stored name, or one asked for here; unless guests cannot chat. */
async function chooseName() {
  // When the server cannot say, try as a guest, as before there were accounts: the socket will tell.
  const me = await whoAmI().catch(() => ({ signedIn: false, name: '', guestsAllowed: true }));
  if (me.signedIn) enter(me.name, true);
  else if (!me.guestsAllowed) askToSignIn();
  else if (loadName()) enter(loadName());
  else {
    askForName({ prompt: byId('name-prompt'), input: byId('prompt-name'), problem: byId('prompt-error'),
      chat: byId('chat') }, (chosen) => enter(chosen, false));
  }
}

/** Guests cannot chat here: say so, with a way to sign in, instead of a socket the server will refuse. */
function askToSignIn() {
  for (const id of ['chat', 'status', 'banner', 'me-line', 'people-toggle', 'name-prompt']) byId(id).hidden = true;
  byId('members-only').hidden = false;
  byId('members-sign-in').focus();
}

/**
 * A refused handshake looks like a network failure to the page; after a failed attempt (at most every
 * RECHECK_MS, as a gateway that is down fails every attempt), asks the server whether guests are turned away
 * while we are not, or no longer, signed in, and if so stops for good.
 */
function stopWhenSignInIsNeeded(socket) {
  let asking = false;
  let askedAt = -Infinity;
  socket.addEventListener('failed', async () => {
    if (asking || navigator.onLine === false || Date.now() - askedAt < RECHECK_MS) return;
    asking = true;
    askedAt = Date.now();
    try {
      const me = await whoAmI();
      if (!me.signedIn && !me.guestsAllowed) {
        socket.stop();
        askToSignIn();
      }
    } catch {
      // the server cannot be reached either: keep retrying
    } finally {
      asking = false;
    }
  });
}

/** signedIn: we may edit and delete our messages of any time; a guest, only those of this connection. */
function enter(name, signedIn) {
  let me = name;
  const postedNow = new Set(); // a guest's: the seqs this connection posted
  byId('me').textContent = me;
  byId('me-line').hidden = false;
  byId('status').hidden = false;

  // Every attempt after the first resumes after the last message shown: the server sends just what we missed.
  const socket = new ReconnectingSocket(() => roomSocketUrl(room, name, roomHistory.resumeAfter), PROTOCOL);
  const send = (frame) => socket.send(frame);
  const list = new MessageList(
    { scroller: byId('timeline-scroller'), past: byId('earlier-messages'), live: byId('live-messages'), jump: byId('jump') },
    {
      retry: (clientId) => outbox.retry(clientId),
      discard: (clientId) => outbox.discard(clientId),
      room: () => ({ names: people.names, me }),
      editable: (msg) => (signedIn ? msg.user === me : postedNow.has(msg.seq)),
    },
  );
  const outbox = new Outbox(send, list, me);
  const roomHistory = new RoomHistory(
    { scroller: byId('timeline-scroller'), edge: byId('history-edge'), button: byId('load-older'),
      start: byId('history-start'), hint: byId('empty-hint') },
    { list, outbox, request: send, isOwn: (msg) => msg.user === me },
  );
  const typingSignal = new TypingSignal(send);
  const typing = new TypingIndicator(byId('typing'));
  const errors = new ErrorNotices(byId('errors'));
  const editor = new MessageEditor(byId('messages'), { list, send, showError: (text) => errors.show(text) });
  const people = new PeopleList({
    panel: byId('people-panel'), list: byId('people'), count: byId('people-count'), toggle: byId('people-toggle'),
  });
  people.me = me;
  const alerts = new MentionAlerts(byId('notify-mentions'), room);
  // Its keys are heard before the Composer's: Enter picks a name while the list is open, else sends.
  new MentionCompleter({ form: byId('composer-form'), input: byId('composer'), listbox: byId('mention-suggestions') },
    () => people.names.filter((user) => user !== me));
  const status = new ConnectionStatus(byId('status'), byId('banner'), () => socket.retryNow());
  const composer = new Composer(
    { form: byId('composer-form'), input: byId('composer'), sendButton: byId('send'), counter: byId('counter') },
    {
      onSend: (text) => {
        typingSignal.stop();
        outbox.submit(text);
      },
      onEdit: (draft) => typingSignal.edited(draft),
    },
  );

  // One handler per frame type; frames of other types are ignored, as the protocol asks.
  const handlers = {
    welcome(frame) {
      if (typeof frame.user === 'string' && frame.user !== me) {
        me = frame.user; // the server picked a guest name instead of ours
        outbox.user = me;
        byId('me').textContent = me;
        people.me = me;
        const why = typeof frame.name_refused === 'string' ? ` (${frame.name_refused})` : '';
        list.notice(`The server did not accept the name “${name}”${why}, so you are “${me}” here.`);
      }
      if (Number.isInteger(frame.max_message_length)) composer.maxLength = frame.max_message_length;
    },
    renamed(frame) {
      // Somebody registered the name we held as a guest: we chat under the server's guest name from now on.
      if (!isName(frame.user)) return;
      me = frame.user;
      outbox.user = me;
      byId('me').textContent = me;
      people.me = me;
      const why = typeof frame.reason === 'string' ? frame.reason : `you are “${me}” now`;
      list.notice(`Your name changed: ${why}.`);
    },
    'chat.message'(frame) {
      if (!isChatMessage(frame)) return;
      // A seq shown already is ignored; a new one that mentions us may notify while the tab is hidden.
      if (!outbox.echoed(frame) && list.add(frame, frame.user === me) && frame.user !== me
          && mentions(frame.message, people.names, me)) {
        alerts.mentioned(frame.user, frame.message);
      }
      roomHistory.checkGaps();
      typing.update(frame.user, false);
    },
    'chat.ack'(frame) {
      if (typeof frame.client_id !== 'string') return;
      if (!signedIn && seqOf(frame) !== null && outbox.owns(frame.client_id)) {
        postedNow.add(seqOf(frame));
        list.refreshEditable();
      }
      outbox.acked(frame.client_id, seqOf(frame), String(frame.sent_at ?? ''));
    },
    'chat.edit'(frame) {
      changed(frame);
    },
    'chat.delete'(frame) {
      changed(frame);
    },
    history(frame) {
      roomHistory.received(frame);
    },
    typing(frame) {
      if (typeof frame.user === 'string' && typeof frame.active === 'boolean') typing.update(frame.user, frame.active);
    },
    presence(frame) {
      if (Array.isArray(frame.users)) people.replace(frame.users); // no "joined" lines for who was already here
    },
    'presence.join'(frame) {
      if (isName(frame.user) && people.add(frame.user) && frame.user !== me) list.system(`${frame.user} joined`);
    },
    'presence.leave'(frame) {
      // Never ourselves: this open connection keeps us in the room whatever an older one's close said.
      if (!isName(frame.user) || frame.user === me) return;
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

  /** An edit or a deletion, ours or someone else's: its message changes in place. */
  function changed(frame) {
    if (!isMessageChange(frame)) return;
    list.add(frame, false);
    editor.changed(frame);
    roomHistory.checkGaps();
  }

  socket.addEventListener('frame', ({ detail: frame }) => {
    if (Object.hasOwn(handlers, frame.type)) handlers[frame.type](frame);
  });
  socket.addEventListener('state', ({ detail }) => status.show(detail.state, detail.retryAt));
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
    if (!signedIn && postedNow.size > 0) {
      postedNow.clear(); // a guest's right to change its messages ends with the connection that posted them
      list.refreshEditable();
    }
  });
  window.addEventListener('beforeunload', (event) => {
    if (outbox.hasUnsent()) event.preventDefault(); // the browser asks before unsent messages are lost
  });

  stopWhenSignInIsNeeded(socket);
  socket.start();
  composer.focus();
}

function isName(value) {
  return typeof value === 'string' && value !== '';
}
