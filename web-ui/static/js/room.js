// The room page: the rooms we joined, each connected in its own view, one shown at a time, with the sidebar to
// switch between them without a page load (the address follows: /chat/{room}/, and Back works), unread counts,
// and the header's name, status and indicators for the room on show.

import { whoAmI } from './account.js';
import { activeRooms } from './active-rooms.js';
import { Drawer } from './drawer.js';
import { joinedRoomsFor } from './joined-rooms.js';
import { MentionAlerts } from './mention-alerts.js';
import { askForName } from './name-prompt.js';
import { loadName, roomFromPath } from './names.js';
import { RoomViews } from './room-views.js';
import { Sidebar } from './sidebar.js';
import { ConnectionStatus } from './status.js';
import { keepTabTitle } from './tab-title.js';
import { themeToggle } from './theme.js';

const RECHECK_MS = 10_000; // how often failed attempts may ask whether we must sign in
const ACTIVE_ROOMS_EVERY_MS = 30_000;
const byId = (id) => document.getElementById(id);

themeToggle(byId('theme-toggle'));

const room = roomFromPath(location.pathname);
if (room) {
  document.title = `#${room} · Parley`;
  byId('room-name').textContent = room;
  pointSignInLinksAt(room);
  chooseName();
} else {
  byId('room-name').textContent = 'No such room';
  byId('bad-room').hidden = false;
  byId('workspace').hidden = true;
}

/** Signed in: the account's name. A guest: the stored name, or one asked for here; unless guests cannot chat. */
async function chooseName() {
  // When the server cannot say, try as a guest, as before there were accounts: the socket will tell.
  const me = await whoAmI().catch(() => ({ signedIn: false, name: '', guestsAllowed: true }));
  if (me.signedIn) enter(me.name, true);
  else if (!me.guestsAllowed) askToSignIn();
  else if (loadName()) enter(loadName(), false);
  else {
    askForName({ prompt: byId('name-prompt'), input: byId('prompt-name'), problem: byId('prompt-error'),
      chat: byId('workspace') }, (name) => enter(name, false));
  }
}

/** Guests cannot chat here: say so, with a way to sign in, instead of a socket the server will refuse. */
function askToSignIn() {
  for (const id of ['workspace', 'status', 'banner', 'me-line', 'room-tools', 'name-prompt', 'drawer-open']) {
    byId(id).hidden = true;
  }
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

async function enter(name, signedIn) {
  byId('me').textContent = name;
  byId('me-line').hidden = false;
  byId('status').hidden = false;

  const views = new RoomViews(name, signedIn,
    { view: byId('room-view-template'), tools: byId('room-tools-template') },
    { views: byId('room-views'), tools: byId('room-tools') });
  const status = new ConnectionStatus(byId('status'), byId('banner'), () => views.shown?.socket.retryNow());
  const alerts = new MentionAlerts(byId('notify-mentions'), room);
  const drawer = new Drawer({ panel: byId('sidebar'), button: byId('drawer-open'), backdrop: byId('drawer-backdrop') });
  const refreshTitle = keepTabTitle(views.unread, () => views.shown?.room ?? room);
  let active = [];
  let joined = { store: null, rooms: [] };

  const refreshActive = async () => {
    active = await activeRooms();
    renderSidebar();
  };
  const choose = (chosen, { push = true } = {}) => {
    const isNew = !views.has(chosen);
    views.show(chosen);
    if (isNew) {
      // Remembered for next time; the room works for now either way, and a refusal (too many rooms) is shown.
      joined.store?.add(chosen).catch((problem) => sidebar.warn(`#${chosen} is open here but not remembered: ${problem.message}`));
      if (joined.store) refreshActive(); // what is active may have changed since the page loaded
    }
    if (push && location.pathname !== `/chat/${chosen}/`) history.pushState(null, '', `/chat/${chosen}/`);
    drawer.close({ refocus: false });
    views.shown.focusComposer();
  };
  const leave = (left) => {
    const wasShown = views.shown?.room === left;
    views.leave(left);
    joined.store?.remove(left).catch(() => {});
    if (!wasShown) return;
    const next = views.rooms[0];
    if (next) choose(next);
    else location.assign('/');
  };
  const sidebar = new Sidebar(
    { joined: byId('joined-rooms'), active: byId('active-rooms'), activeEmpty: byId('active-rooms-empty'),
      form: byId('join-room-form'), input: byId('join-room-name'), error: byId('join-room-error') },
    { choose, leave },
  );
  const renderSidebar = () => {
    const shown = views.shown?.room ?? '';
    sidebar.showJoined(views.rooms, shown, (each) => views.unread.of(each));
    sidebar.showActive(active.filter((entry) => !views.has(entry.room)));
    const elsewhere = views.rooms.filter((each) => each !== shown)
      .reduce((sum, each) => sum + views.unread.of(each).unread, 0);
    byId('drawer-unread').hidden = elsewhere === 0;
    byId('drawer-unread').textContent = elsewhere === 0 ? '' : ` (${elsewhere})`;
  };

  views.addEventListener('opened', ({ detail: view }) => stopWhenSignInIsNeeded(view.socket));
  views.addEventListener('change', renderSidebar);
  views.addEventListener('shown-state', () => {
    const view = views.shown;
    if (!view) return;
    status.show(view.socket.state, view.socket.retryAt);
    byId('me').textContent = view.me;
    byId('room-name').textContent = view.room;
    pointSignInLinksAt(view.room);
    refreshTitle();
  });
  views.addEventListener('message', ({ detail }) => {
    if (detail.mention) alerts.mentioned(detail.user, detail.text, detail.room);
  });
  window.addEventListener('popstate', () => {
    const chosen = roomFromPath(location.pathname);
    if (chosen) choose(chosen, { push: false });
  });
  window.addEventListener('beforeunload', (event) => {
    if (views.hasUnsent()) event.preventDefault(); // the browser asks before unsent messages are lost
  });

  choose(room, { push: false }); // the room in the address first: it is the one the reader asked for
  joined = await joinedRoomsFor(signedIn);
  if (!joined.rooms.includes(room)) joined.store.add(room).catch(() => {});
  for (const each of joined.rooms) views.open(each);

  refreshActive();
  setInterval(() => {
    if (!document.hidden) refreshActive();
  }, ACTIVE_ROOMS_EVERY_MS);
}

function pointSignInLinksAt(shown) {
  for (const link of [byId('prompt-sign-in'), byId('members-sign-in')]) link.href = `/?room=${shown}`;
}
